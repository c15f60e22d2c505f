import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, getAnswer } from './client';
import type { ReadScope } from './types';

export type Session = {
  apiKey: string;
  signOut: () => void;
  /** Whose view the answers are (X-Read-Scope): the province ('*') or the key's cities; null until known. */
  readScope: ReadScope | null;
  noteReadScope: (scope: ReadScope) => void;
};
export const SessionContext = createContext<Session>({
  apiKey: '',
  signOut: () => undefined,
  readScope: null,
  noteReadScope: () => undefined,
});
export const useSession = (): Session => useContext(SessionContext);

export type ApiState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError | Error } | { status: 'ok'; data: T };

/**
 * GET a path of the query API with the signed-in key, again whenever the path changes. A 401 (the key was
 * revoked, or the api restarted with other keys) signs out; other errors are shown where the data would be.
 */
export const useApi = <T>(path: string | null): ApiState<T> => {
  const { apiKey, signOut, noteReadScope } = useSession();
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState({ status: 'loading' });
    getAnswer<T>(path, apiKey).then(
      ({ data, readScope }) => {
        if (readScope !== null) noteReadScope(readScope);
        if (current) setState({ status: 'ok', data });
      },
      (error: ApiError | Error) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 401) signOut();
        else setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [path, apiKey]);
  return state;
};

import { ProblemException, problem } from '../problem-details/problem-details';
import type { ApiKeyRegistry } from './api-keys';
import type { Principal } from './principal';

/** The principal of an `Authorization: Bearer <key>` header, or undefined for none, another scheme or an unknown key. */
export function principalOf(
  registry: ApiKeyRegistry,
  authorization: string | string[] | undefined,
): Principal | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(typeof authorization === 'string' ? authorization : '');
  return match ? registry.authenticate(match[1]) : undefined;
}

export const unauthenticated = (): ProblemException =>
  new ProblemException(
    problem(401, 'unauthenticated', 'Authentication required', {
      detail: 'Send a valid API key as "Authorization: Bearer <key>".',
    }),
    { 'WWW-Authenticate': 'Bearer realm="itp"' },
  );

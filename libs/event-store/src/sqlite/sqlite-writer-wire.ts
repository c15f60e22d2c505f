import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import type { AppendOutcome, AppendRequest } from './sqlite-append';
import type { AppendReply } from './sqlite-group-commit';

/**
 * The messages between the store and its writer thread. Errors cross as data: a structured clone keeps neither
 * the class nor the fields of the port's errors, so they are rebuilt on the store's side.
 */
export type WireError =
  | { kind: 'wrong-revision'; streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' }
  | { kind: 'duplicate-id'; eventId: string; detail: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'other'; name: string; message: string };

export type WireReply = { id: number; ok: true; outcome: AppendOutcome } | { id: number; ok: false; error: WireError };

export type ToWriter = { kind: 'append'; appends: { id: number; request: AppendRequest }[] } | { kind: 'close' };

export type FromWriter =
  | { kind: 'ready'; journalMode: string; synchronous: string }
  | { kind: 'replies'; replies: WireReply[]; commits: number; appends: number }
  | { kind: 'fatal'; error: WireError }
  | { kind: 'closed' };

export interface WriterThreadData {
  role: typeof WRITER_THREAD_ROLE;
  filePath: string;
  busyTimeoutMs: number;
}

export const WRITER_THREAD_ROLE = 'itp-sqlite-event-store-writer';

export function toWireError(error: unknown): WireError {
  if (error instanceof WrongExpectedRevisionError) {
    return { kind: 'wrong-revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  }
  if (error instanceof DuplicateEventIdError)
    return { kind: 'duplicate-id', eventId: error.eventId, detail: error.detail };
  if (error instanceof EventStoreUnavailableError) return { kind: 'unavailable', message: error.message };
  if (error instanceof Error) return { kind: 'other', name: error.name, message: error.message };
  return { kind: 'other', name: 'Error', message: String(error) };
}

const STANDARD_ERRORS: Record<string, new (message: string) => Error> = {
  TypeError,
  RangeError,
  SyntaxError,
};

export function fromWireError(error: WireError): Error {
  switch (error.kind) {
    case 'wrong-revision':
      return new WrongExpectedRevisionError(error.streamId, error.expected, error.actual);
    case 'duplicate-id':
      return new DuplicateEventIdError(error.eventId, error.detail);
    case 'unavailable':
      return new EventStoreUnavailableError(error.message);
    default: {
      const rebuilt = new (STANDARD_ERRORS[error.name] ?? Error)(`${error.message} (in the SQLite writer thread)`);
      if (!(error.name in STANDARD_ERRORS)) rebuilt.name = error.name;
      return rebuilt;
    }
  }
}

export const toWireReply = (id: number, reply: AppendReply): WireReply =>
  reply.ok ? { id, ok: true, outcome: reply.outcome } : { id, ok: false, error: toWireError(reply.error) };

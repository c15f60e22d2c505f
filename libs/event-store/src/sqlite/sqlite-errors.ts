import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../event-store.errors';

// The codes that mean "the file cannot be used now", as opposed to a bug in the statement or the data.
const UNAVAILABLE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PROTOCOL'];

/** Typed port errors and programming errors pass through; an unusable file becomes EventStoreUnavailableError. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof Database.SqliteError && UNAVAILABLE.some((code) => error.code.startsWith(code))) {
    return new EventStoreUnavailableError(`SQLite event store unavailable: ${error.message}`, error);
  }
  return error;
}

export function isEventIdClash(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.event_id');
}

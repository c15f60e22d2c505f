import { EventStoreUnavailableError } from '../event-store.errors';

// The codes that mean "the file cannot be used now", as opposed to a bug in the statement or the data.
const UNAVAILABLE = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
];

/**
 * Recognised by shape, not `instanceof Database.SqliteError`: better-sqlite3 registers its error class with the
 * native addon once per process (WiseLibs/better-sqlite3#162), so in a second module registry (Jest, workers)
 * the thrown error is an instance of another copy of the class.
 */
const sqliteCode = (error: unknown): string | undefined => {
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return typeof candidate === 'object' &&
    candidate !== null &&
    candidate.name === 'SqliteError' &&
    typeof candidate.code === 'string'
    ? candidate.code
    : undefined;
};

/** Typed port errors and programming errors pass through; an unusable file becomes EventStoreUnavailableError. */
export function toStoreError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code && UNAVAILABLE.some((prefix) => code.startsWith(prefix))) {
    return new EventStoreUnavailableError(`SQLite event store unavailable: ${(error as Error).message}`, error);
  }
  return error;
}

export function isEventIdClash(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && (error as Error).message.includes('events.event_id');
}

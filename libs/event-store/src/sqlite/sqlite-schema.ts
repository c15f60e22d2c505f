import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Bumped with every change to the tables; a file written by a newer build is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

/**
 * One table is the whole log. `position` is the rowid, so readAll and subscriptions walk the table's own
 * b-tree; AUTOINCREMENT keeps positions from ever being reused, even after the last row were deleted.
 * JSON columns are not `json_valid`-checked: the adapter writes them with JSON.stringify, and the check
 * would parse every payload a second time inside the write lock.
 */
export const EVENTS_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL UNIQUE,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_recorded_at ON events (recorded_at);
`;

export interface ConnectionSettings {
  busyTimeoutMs: number;
}

/**
 * WAL lets readers (other processes, projections) run beside the single writer; synchronous=FULL fsyncs the
 * WAL at every commit, so an append that was acknowledged survives a power cut, not only a process crash.
 */
export function applyPragmas(db: Database.Database, settings: ConnectionSettings): string {
  // Set first: changing the journal mode of a file that another process has open needs to wait for its lock.
  db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  const journalMode = String(db.pragma('journal_mode = WAL', { simple: true }));
  db.pragma('synchronous = FULL');
  return journalMode;
}

const SYNCHRONOUS_NAMES = ['off', 'normal', 'full', 'extra'];

/** The settings that make an acknowledged append durable, read back from the connection (not assumed). */
export function connectionSettings(db: Database.Database): { journalMode: string; synchronous: string } {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
  };
}

export function openEventsDatabase(filePath: string, settings: ConnectionSettings): Database.Database {
  if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  try {
    const journalMode = applyPragmas(db, settings);
    if (filePath !== ':memory:' && journalMode !== 'wal') {
      throw new Error(`could not switch ${filePath} to WAL (journal_mode is ${journalMode})`);
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a fresh file at once must not both decide to create the schema.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${version} is newer than this build understands (${SCHEMA_VERSION})`);
    }
    db.exec(EVENTS_DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { RecordedEvent } from '../event-store.port';
import { openEventsDatabase } from '../sqlite/sqlite-schema';

/** An import goes into an empty log only: it keeps positions, which a log already holding events has used. */
export class StoreNotEmptyError extends Error {
  override readonly name = 'StoreNotEmptyError';
  constructor(
    readonly filePath: string,
    readonly events: number,
  ) {
    super(`the event log ${filePath} is not empty (${events} events): an import goes into an empty store only`);
  }
}

/** Events in the SQLite log at `filePath`, read without creating or writing anything; 0 when there is no file. */
export function storedEventCount(filePath: string): number {
  if (!existsSync(filePath)) return 0;
  const db = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (table === undefined) return 0;
    return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
  } finally {
    db.close();
  }
}

/**
 * Writes exported events into an empty SQLite event log as they were: the same positions (the rowid), recorded
 * times, ids, data and metadata, in the adapter's own schema (the file is opened and migrated by the adapter's
 * `openEventsDatabase`). Everything goes in ONE transaction, begun IMMEDIATE so no other writer can slip in:
 * readers see the whole import or nothing, and `abort()` leaves the log as empty as it was. AUTOINCREMENT
 * remembers the highest position inserted, so appends after the import continue after it.
 */
export class SqliteImport {
  private readonly insertStatement: Database.Statement<
    [number, string, string, number, string, string, string, string]
  >;
  private done = false;

  private constructor(private readonly db: Database.Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Opens (creating if needed) the log and begins the import; throws StoreNotEmptyError when it holds events. */
  static begin(filePath: string, options: { busyTimeoutMs?: number } = {}): SqliteImport {
    const db = openEventsDatabase(filePath, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    try {
      db.exec('BEGIN IMMEDIATE');
      const { n } = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!;
      if (n > 0) throw new StoreNotEmptyError(filePath, n);
      return new SqliteImport(db);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      throw error;
    }
  }

  /** Ids are stored in lower case, as the adapter stores them. */
  insert(event: RecordedEvent): void {
    this.insertStatement.run(
      event.position,
      event.id.toLowerCase(),
      event.streamId,
      event.revision,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      event.recordedAt,
    );
  }

  commit(): void {
    if (this.done) return;
    this.done = true;
    try {
      this.db.exec('COMMIT');
    } finally {
      this.db.close();
    }
  }

  /** Rolls everything back: the log is left as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
    }
  }
}

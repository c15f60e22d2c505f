import type Database from 'better-sqlite3';
import type { EventData, EventMetadata, RecordedEvent } from '../event-store.port';

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface StoredEventRef {
  stream_id: string;
  revision: number;
  position: number;
  type: string;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

// SQLite takes a negative LIMIT as "no limit".
export const NO_LIMIT = -1;

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data) as EventData,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  recordedAt: row.recorded_at,
});

/** Every statement the adapter runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare<[], { head: number }>('SELECT COALESCE(MAX(position), 0) AS head FROM events'),
    lastOfStream: db.prepare<[string], { revision: number; position: number }>(
      'SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    lastRecordedAt: db.prepare<[], { recorded_at: string }>(
      'SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1',
    ),
    byEventId: db.prepare<[string], StoredEventRef>(
      'SELECT stream_id, revision, position, type FROM events WHERE event_id = ?',
    ),
    insert: db.prepare<[string, string, number, string, string, string, string]>(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    streamForwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    page: db.prepare<[number, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC LIMIT ?`,
    ),
    pageAsOf: db.prepare<[number, number, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND recorded_at <= ? ORDER BY position ASC LIMIT ?`,
    ),
    // Walks events_by_recorded_at from its end: (recorded_at, rowid) is that index's own order.
    lastPositionAsOf: db.prepare<[string], { position: number }>(
      'SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

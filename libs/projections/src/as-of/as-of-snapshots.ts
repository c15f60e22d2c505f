import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import Database from 'better-sqlite3';
import type { StoredDocument } from '@itp/read-store';
import type { FoldedCollections } from './frozen-read-store';

/** What the engine knows of a snapshot without reading its documents. */
export interface SnapshotEntry {
  position: number;
  /** Recorded time of the event at `position` (null at position 0). */
  recordedAt: string | null;
  /** Id of the event at `position`: a snapshot whose event is not the log's any more is thrown away. */
  eventId: string | null;
  /** Events of the log up to `position` (the snapshot grid is by event count: positions need not be dense). */
  events: number;
  bytes: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS snapshots (
  fingerprint TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  recorded_at TEXT,
  event_id    TEXT,
  events      INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  used_at     INTEGER NOT NULL,
  body        BLOB    NOT NULL,
  PRIMARY KEY (fingerprint, position)
);
`;

interface Row {
  position: number;
  recorded_at: string | null;
  event_id: string | null;
  events: number;
  bytes: number;
}

/**
 * Snapshots of the folded read models at positions of the log, in one SQLite file (`<dir>/snapshots.sqlite`):
 * every document of every folded collection, as JSON compressed with raw deflate (level 1: fast both ways).
 * A cache, never a source of truth: deleted, it is rebuilt from the log by the next folds; written under the
 * fingerprint of the projections' names and versions, so a changed projection never reads an old fold. When the
 * file outgrows its budget the least recently used snapshots go first.
 */
export class AsOfSnapshots {
  private readonly db: Database.Database;
  private readonly entries: SnapshotEntry[];

  constructor(
    dir: string,
    private readonly fingerprint: string,
    private readonly budgetBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'snapshots.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.entries = this.db
      .prepare<[string], Row>(
        'SELECT position, recorded_at, event_id, events, bytes FROM snapshots WHERE fingerprint = ? ORDER BY position',
      )
      .all(fingerprint)
      .map((row) => ({
        position: row.position,
        recordedAt: row.recorded_at,
        eventId: row.event_id,
        events: row.events,
        bytes: row.bytes,
      }));
  }

  /** Known snapshots, by position. */
  list(): readonly SnapshotEntry[] {
    return this.entries;
  }

  has(position: number): boolean {
    return this.entries.some((entry) => entry.position === position);
  }

  /** Bytes the snapshots of every fingerprint take in the file. */
  totalBytes(): number {
    return this.db.prepare<[], { total: number | null }>('SELECT SUM(bytes) AS total FROM snapshots').get()?.total ?? 0;
  }

  save(entry: Omit<SnapshotEntry, 'bytes'>, collections: FoldedCollections): void {
    if (this.has(entry.position)) return;
    const plain: Record<string, StoredDocument[]> = {};
    for (const [name, documents] of collections) plain[name] = [...documents.values()];
    const body = deflateRawSync(JSON.stringify(plain), { level: 1, strategy: zlib.Z_DEFAULT_STRATEGY });
    this.db
      .prepare(
        'INSERT OR REPLACE INTO snapshots (fingerprint, position, recorded_at, event_id, events, bytes, used_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        this.fingerprint,
        entry.position,
        entry.recordedAt,
        entry.eventId,
        entry.events,
        body.length,
        Date.now(),
        body,
      );
    this.entries.push({ ...entry, bytes: body.length });
    this.entries.sort((a, b) => a.position - b.position);
    this.enforceBudget();
  }

  load(position: number): FoldedCollections | undefined {
    const row = this.db
      .prepare<[string, number], { body: Buffer }>('SELECT body FROM snapshots WHERE fingerprint = ? AND position = ?')
      .get(this.fingerprint, position);
    if (row === undefined) return undefined;
    this.db
      .prepare('UPDATE snapshots SET used_at = ? WHERE fingerprint = ? AND position = ?')
      .run(Date.now(), this.fingerprint, position);
    const plain = JSON.parse(inflateRawSync(row.body).toString('utf8')) as Record<string, StoredDocument[]>;
    const collections: FoldedCollections = new Map();
    for (const [name, documents] of Object.entries(plain))
      collections.set(name, new Map(documents.map((document) => [document._id, document])));
    return collections;
  }

  /** Forgets every snapshot (of every fingerprint): the log they were folded from is not this log any more. */
  clear(): void {
    this.db.exec('DELETE FROM snapshots');
    this.entries.length = 0;
  }

  close(): void {
    this.db.close();
  }

  private enforceBudget(): void {
    let total = this.totalBytes();
    while (total > this.budgetBytes) {
      const oldest = this.db
        .prepare<[], { fingerprint: string; position: number; bytes: number }>(
          'SELECT fingerprint, position, bytes FROM snapshots ORDER BY used_at ASC, position ASC LIMIT 1',
        )
        .get();
      if (oldest === undefined) return;
      this.db
        .prepare('DELETE FROM snapshots WHERE fingerprint = ? AND position = ?')
        .run(oldest.fingerprint, oldest.position);
      total -= oldest.bytes;
      if (oldest.fingerprint === this.fingerprint) {
        const index = this.entries.findIndex((entry) => entry.position === oldest.position);
        if (index >= 0) this.entries.splice(index, 1);
      }
    }
  }
}

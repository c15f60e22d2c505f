import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import Database from 'better-sqlite3';
import type { StoredDocument } from '@itp/read-store';
import { deepFreeze } from './frozen-read-store';

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
CREATE TABLE IF NOT EXISTS snapshots_v2 (
  fingerprint TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  recorded_at TEXT,
  event_id    TEXT,
  events      INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  used_at     INTEGER NOT NULL,
  body        BLOB    NOT NULL,
  series      BLOB,
  PRIMARY KEY (fingerprint, position)
);
`;

/**
 * The long series of a document (a project's monthly progress, its problems and suspensions): most of its bytes,
 * and what the reports that scan every project leave out (`projection: { progress: 0, ... }`). A snapshot keeps
 * them in a blob of their own, read only when a document's series is.
 */
export const HEAVY_FIELDS = ['progress', 'problems', 'suspensions'] as const;

/** Per document with series: its bytes in the inflated series blob (offset, length) and the fields there. */
type SeriesIndex = Record<string, [number, number, string[]]>;

/** A document loaded from a snapshot: its series' bytes, and whether they were read (parsed) since. */
const rawSeries = new WeakMap<object, { fields: string[]; read: boolean; bytes: () => Buffer }>();

/** A light document (deep-frozen) with its series as enumerable getters, parsed from the blob on first read. */
const lazyDocument = (
  light: StoredDocument,
  [offset, length, fields]: [number, number, string[]],
  blob: () => Buffer,
): StoredDocument => {
  deepFreeze(light);
  const document = { ...light } as StoredDocument;
  const raw = { fields, read: false, bytes: () => blob().subarray(offset, offset + length) };
  let series: Record<string, unknown> | undefined;
  const parsed = (): Record<string, unknown> => {
    if (series === undefined) {
      series = deepFreeze(JSON.parse(raw.bytes().toString('utf8')) as Record<string, unknown>);
      raw.read = true;
    }
    return series;
  };
  for (const field of fields)
    Object.defineProperty(document, field, { enumerable: true, configurable: false, get: () => parsed()[field] });
  rawSeries.set(document, raw);
  return Object.freeze(document);
};

interface Row {
  position: number;
  recorded_at: string | null;
  event_id: string | null;
  events: number;
  bytes: number;
}

/**
 * Snapshots of folded read models at positions of the log, in one SQLite file (`<dir>/snapshots.sqlite`), one
 * per projection and position: every document of the projection's collection, as JSON compressed with raw deflate
 * (level 1: fast both ways). A cache, never a source of truth: deleted, it is rebuilt from the log by the next
 * folds; written under the fingerprint of the projection's name, version and collection, so a changed projection
 * never reads an old fold. When the file outgrows its budget the least recently used snapshots go first.
 */
export class AsOfSnapshots {
  private readonly db: Database.Database;
  private readonly entries = new Map<string, SnapshotEntry[]>();

  constructor(
    dir: string,
    private readonly budgetBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'snapshots.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const rows = this.db
      .prepare<[], Row & { fingerprint: string }>(
        'SELECT fingerprint, position, recorded_at, event_id, events, bytes FROM snapshots_v2 ORDER BY position',
      )
      .all();
    for (const row of rows)
      this.listOf(row.fingerprint).push({
        position: row.position,
        recordedAt: row.recorded_at,
        eventId: row.event_id,
        events: row.events,
        bytes: row.bytes,
      });
  }

  /** Known snapshots of one fingerprint, by position. */
  list(fingerprint: string): readonly SnapshotEntry[] {
    return this.listOf(fingerprint);
  }

  /** Every known snapshot's position, of any fingerprint. */
  positions(): number[] {
    return [...this.entries.values()].flatMap((list) => list.map((entry) => entry.position));
  }

  count(): number {
    return [...this.entries.values()].reduce((n, list) => n + list.length, 0);
  }

  has(fingerprint: string, position: number): boolean {
    return this.listOf(fingerprint).some((entry) => entry.position === position);
  }

  /** The id of the event a snapshot was taken at, to check against the log. */
  eventIdAt(position: number): string | null | undefined {
    for (const list of this.entries.values()) {
      const entry = list.find((e) => e.position === position);
      if (entry !== undefined) return entry.eventId;
    }
    return undefined;
  }

  private listOf(fingerprint: string): SnapshotEntry[] {
    let list = this.entries.get(fingerprint);
    if (list === undefined) this.entries.set(fingerprint, (list = []));
    return list;
  }

  /** Bytes the snapshots of every fingerprint take in the file. */
  totalBytes(): number {
    return (
      this.db.prepare<[], { total: number | null }>('SELECT SUM(bytes) AS total FROM snapshots_v2').get()?.total ?? 0
    );
  }

  save(fingerprint: string, entry: Omit<SnapshotEntry, 'bytes'>, documents: ReadonlyMap<string, StoredDocument>): void {
    if (this.has(fingerprint, entry.position)) return;
    const light: StoredDocument[] = [];
    const index: SeriesIndex = {};
    const parts: Buffer[] = [];
    let offset = 0;
    for (const document of documents.values()) {
      const raw = rawSeries.get(document);
      const fields = raw?.fields ?? HEAVY_FIELDS.filter((field) => field in document);
      if (fields.length === 0) {
        light.push(document);
        continue;
      }
      const rest: Record<string, unknown> = {};
      for (const key of Object.keys(document))
        if (!(HEAVY_FIELDS as readonly string[]).includes(key)) rest[key] = document[key];
      light.push(rest as StoredDocument);
      // A document read from a snapshot whose series was never read: its bytes as they were, unparsed.
      const bytes =
        raw !== undefined && !raw.read
          ? raw.bytes()
          : Buffer.from(JSON.stringify(Object.fromEntries(fields.map((field) => [field, document[field]]))));
      index[document._id] = [offset, bytes.length, fields];
      parts.push(bytes);
      offset += bytes.length;
    }
    const options = { level: 1, strategy: zlib.Z_DEFAULT_STRATEGY };
    const body = deflateRawSync(JSON.stringify({ documents: light, index }), options);
    const series = parts.length === 0 ? null : deflateRawSync(Buffer.concat(parts), options);
    const bytes = body.length + (series?.length ?? 0);
    this.db
      .prepare(
        'INSERT OR REPLACE INTO snapshots_v2 (fingerprint, position, recorded_at, event_id, events, bytes, used_at, body, series) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(fingerprint, entry.position, entry.recordedAt, entry.eventId, entry.events, bytes, Date.now(), body, series);
    const list = this.listOf(fingerprint);
    list.push({ ...entry, bytes });
    list.sort((a, b) => a.position - b.position);
    this.enforceBudget();
  }

  /**
   * The documents of one projection's snapshot, by id, deeply frozen. A document's series (HEAVY_FIELDS) are
   * enumerable getters: the snapshot's series blob is inflated the first time any of them is read, and each
   * document's series parsed the first time its own are (by a fold that evolves it, or a query that reads them).
   */
  load(fingerprint: string, position: number): Map<string, StoredDocument> | undefined {
    const row = this.db
      .prepare<[string, number], { body: Buffer; series: Buffer | null }>(
        'SELECT body, series FROM snapshots_v2 WHERE fingerprint = ? AND position = ?',
      )
      .get(fingerprint, position);
    if (row === undefined) return undefined;
    this.db
      .prepare('UPDATE snapshots_v2 SET used_at = ? WHERE fingerprint = ? AND position = ?')
      .run(Date.now(), fingerprint, position);
    const { documents, index } = JSON.parse(inflateRawSync(row.body).toString('utf8')) as {
      documents: StoredDocument[];
      index: SeriesIndex;
    };
    let inflated: Buffer | undefined;
    const blob = (): Buffer => (inflated ??= inflateRawSync(row.series!));
    return new Map(
      documents.map((light) => {
        const entry = index[light._id];
        return [light._id, entry === undefined ? deepFreeze(light) : lazyDocument(light, entry, blob)];
      }),
    );
  }

  /** Forgets every snapshot (of every fingerprint): the log they were folded from is not this log any more. */
  clear(): void {
    this.db.exec('DELETE FROM snapshots_v2');
    this.entries.clear();
  }

  close(): void {
    this.db.close();
  }

  private enforceBudget(): void {
    let total = this.totalBytes();
    while (total > this.budgetBytes) {
      const oldest = this.db
        .prepare<[], { fingerprint: string; position: number; bytes: number }>(
          'SELECT fingerprint, position, bytes FROM snapshots_v2 ORDER BY used_at ASC, position ASC LIMIT 1',
        )
        .get();
      if (oldest === undefined) return;
      this.db
        .prepare('DELETE FROM snapshots_v2 WHERE fingerprint = ? AND position = ?')
        .run(oldest.fingerprint, oldest.position);
      total -= oldest.bytes;
      const list = this.listOf(oldest.fingerprint);
      const index = list.findIndex((entry) => entry.position === oldest.position);
      if (index >= 0) list.splice(index, 1);
    }
  }
}

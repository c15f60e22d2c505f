import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { StoredDocument } from '@itp/read-store';
import { withinHeap } from '@itp/read-store/embedded/document-cache';
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
DROP TABLE IF EXISTS snapshots_v2;
DROP TABLE IF EXISTS snapshots_v3;
DROP TABLE IF EXISTS series_v3;
DROP TABLE IF EXISTS usage_v3;
DROP TABLE IF EXISTS snapshots_v4;
DROP TABLE IF EXISTS series_v4;
DROP TABLE IF EXISTS usage_v4;
CREATE TABLE IF NOT EXISTS snapshots_v5 (
  fingerprint TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  recorded_at TEXT,
  event_id    TEXT,
  events      INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  used_at     INTEGER NOT NULL,
  body        BLOB    NOT NULL,
  hashes      BLOB    NOT NULL,
  PRIMARY KEY (fingerprint, position)
);
CREATE TABLE IF NOT EXISTS series_v5 (
  hash  BLOB    NOT NULL PRIMARY KEY,
  refs  INTEGER NOT NULL,
  size  INTEGER NOT NULL,
  bytes BLOB    NOT NULL
);
CREATE INDEX IF NOT EXISTS series_v5_unused ON series_v5 (refs) WHERE refs <= 0;
CREATE TABLE IF NOT EXISTS usage_v5 (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  bodies   INTEGER NOT NULL,
  series   INTEGER NOT NULL
);
INSERT OR IGNORE INTO usage_v5 (id, bodies, series) VALUES (1, 0, 0);
`;

/**
 * The parts of a document a snapshot keeps apart, each in a row of its own shared by every snapshot where it is the
 * same, read only when one of its fields is:
 * - the long series (a project's monthly progress, its problems and suspensions): most of its bytes, changed by
 *   most of its events, and what the reports that scan every project leave out (`projection: { progress: 0 }`);
 * - the decisions recorded with their evaluations and explanations (business registration, Xiangnan batch): half
 *   of what is left, set once. A report copies them for the projects it matches. The cold bulletin at 1M events
 *   (as-of.bench.ts, one day, load 1.1-1.9) answered in 345-449 ms on average with both apart, 490 ms with only the
 *   registration apart and 477 ms with neither: close to the spread between runs, so kept apart for the smaller
 *   load (150-190 ms, was 250-300 ms). Each is a group of its own: `xiangnan` is null for nine projects in ten,
 *   too short to keep apart, and the targets' filter and the monthly dispatch read it of every project. In one
 *   group with the registration, that was a row read per signed project (250-350 ms of an as-of dispatch at 1M
 *   events, the 9,147 rows of one snapshot read in process).
 * What stays is parsed when the snapshot is loaded. A snapshot written with other groups loads as it was written.
 */
export const LAZY_GROUPS: readonly (readonly string[])[] = [
  ['progress'],
  ['problems'],
  ['suspensions'],
  ['businessRegistration'],
  ['xiangnan'],
];
/** A group whose JSON is shorter stays in the light part: a row read costs more than parsing a few bytes twice. */
const APART_MIN_BYTES = 128;

/** Bytes of a series' key: the first 16 bytes of the SHA-256 of its JSON. */
const HASH_BYTES = 16;

/** Per document with parts kept apart: for each part, the key of its row (base64url) and the fields there. */
type SeriesIndex = Record<string, [string, string[]][]>;

/** One part of a document loaded from a snapshot: the key of its row, and the fields there. */
interface RawPart {
  fields: string[];
  hash: string;
}

/** A document loaded from a snapshot: its parts kept apart, how to get their values, the bytes of its light part. */
interface RawDocument {
  parts: RawPart[];
  valuesOf: (hash: string) => Record<string, unknown>;
  lightBytes: number;
}
const rawSeries = new WeakMap<object, RawDocument>();

/**
 * The parsed parts kept by default, in bytes of their JSON (or 4 % of the heap limit when that is smaller):
 * enough for the parts one report reads again while it computes. They are not kept by their documents: an as-of
 * monthly dispatch reads every signed project's series once, and documents that kept them held about 150 MB of
 * heap at 1M events beyond what the engine's states cache counts.
 */
export const DEFAULT_PARSED_PART_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of JSON a document loaded from a snapshot holds in memory: its light part (the average of its chunk of the snapshot). Its
 * parts, once read, are in the snapshots' own bounded cache of parsed parts, shared by every document that has the
 * same. Undefined for a document that was not loaded from a snapshot with parts kept apart.
 */
export const loadedDocumentBytes = (document: object): number | undefined => rawSeries.get(document)?.lightBytes;
/**
 * The row key of each part of a document folded in memory, once computed (by LAZY_GROUPS index; null: kept in the
 * light part): documents are frozen, their parts never change.
 */
const seriesKeys = new WeakMap<object, (string | null)[]>();

const level1 = { level: 1, strategy: zlib.Z_DEFAULT_STRATEGY };

/**
 * A preset dictionary for the series rows: the shapes a project's series repeat (deflate finds its matches there
 * from the first byte of a row): about a fifth smaller than without at level 6, inflated as fast. Part of the
 * format: another dictionary is another table.
 */
export const SERIES_DICTIONARY = Buffer.from(
  '"resolvedOn":null}],"suspensions":[{"suspendedOn":"2014-06-10","stage":"signed","reason":"","resumedOn":null,"resumeNote":null}]' +
    '"problems":[{"problemId":"pb-1","title":"Problem","assignedUnit":"-bureau","raisedOn":"2014-01-01","resolvedOn":"2014-01-01"},' +
    '{"progress":[{"month":"2014-01","investmentCompletedToDate":{"amount":"0.00","currency":"CNY"},"correction":null,"recordedAt":"2014-01-25T01:00:00.000Z"},' +
    '{"month":"2014-02","investmentCompletedToDate":{"amount":"0.00","currency":"CNY"},"correction":null,"recordedAt":"2014-02-25T01:00:00.000Z"}',
);
const seriesDeflate = { level: 6, dictionary: SERIES_DICTIONARY };

/** The fields of a document's part: from the parsed parts kept, else its row read, inflated and parsed. */
const partValues = (document: object, field: string): Record<string, unknown> => {
  const raw = rawSeries.get(document)!;
  return raw.valuesOf(raw.parts.find((p) => p.fields.includes(field))!.hash);
};

/**
 * One getter per field name, shared by every document (it finds its document's part by `this`): a snapshot of
 * 10,000 projects allocated a closure per field and document before, and their garbage was most of a load's time.
 */
const descriptors = new Map<string, PropertyDescriptor>();
const descriptorOf = (field: string): PropertyDescriptor => {
  let descriptor = descriptors.get(field);
  if (descriptor === undefined) {
    descriptor = {
      enumerable: true,
      configurable: false,
      get(this: object) {
        return partValues(this, field)[field];
      },
    };
    descriptors.set(field, descriptor);
  }
  return descriptor;
};

/**
 * A light document (frozen all the way down) with the fields of its parts as enumerable getters, read lazily. They
 * come after its other fields, whatever their place when it was folded (JSON's key order is not part of what a
 * document says). Rebuilding each document in its folded order, a new object per document, made loading a
 * snapshot of 10,000 projects half as slow again and reading its fields and spreading its documents about three
 * times as slow, measured in process (V8 keeps the properties of an object built one by one outside it).
 */
const lazyDocument = (
  light: StoredDocument,
  parts: [string, string[]][],
  valuesOf: (hash: string) => Record<string, unknown>,
  lightBytes: number,
): StoredDocument => {
  // The parsed light part itself becomes the document: its values frozen first, then the getters, then itself.
  for (const key in light) deepFreeze(light[key]);
  const raw: RawDocument = { parts: [], valuesOf, lightBytes };
  for (const [hash, fields] of parts) {
    raw.parts.push({ fields, hash });
    for (const field of fields) Object.defineProperty(light, field, descriptorOf(field));
  }
  rawSeries.set(light, raw);
  return Object.freeze(light);
};

/**
 * Documents per chunk of a snapshot's body, each chunk deflated and parsed on its own: a body in one piece held its
 * whole JSON twice while it was loaded (inflated bytes outside the heap, then a string in it: 48 MB each for the
 * 120,579 problems at 1M events), and that was the api's peak resident memory under as-of questions.
 */
export const CHUNK_DOCUMENTS = 2_000;

/** A body: its chunks in order, each after its length (4 bytes, big-endian). */
export const chunkedBody = (chunks: readonly Buffer[]): Buffer =>
  Buffer.concat(
    chunks.flatMap((chunk) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      return [length, chunk];
    }),
  );

function* chunksOf(body: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < body.length;) {
    const length = body.readUInt32BE(offset);
    yield body.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
  }
}

interface Row {
  position: number;
  recorded_at: string | null;
  event_id: string | null;
  events: number;
  bytes: number;
}

/**
 * Snapshots of folded read models at positions of the log, in one SQLite file (`<dir>/snapshots.sqlite`), one
 * per projection and position: every document of the projection's collection without its parts kept apart
 * (LAZY_GROUPS), as JSON in chunks of CHUNK_DOCUMENTS documents, each compressed with raw deflate (level 1: fast
 * both ways), and each such part in a row of its own keyed by its hash, written once and shared by every snapshot
 * where they are the same (most documents do not change between two snapshots). A cache, never a source of truth: deleted, it is rebuilt from the log by the
 * next folds; written under the fingerprint of the projection's name, version and collection, so a changed
 * projection never reads an old fold. When the file outgrows its budget the least recently used snapshots go
 * first, then the series no snapshot names any more (but those of documents this process loaded and still holds:
 * a series is read when first touched, not when its snapshot is loaded). Only one process writes and evicts: the
 * api; `itp report --as-of` opens the file read-only (a reader whose series were evicted by the writer, unread or
 * read and since dropped from its cache of parsed parts, fails that read with an error, never another answer: rows
 * are keyed by their content's hash; the CLI then exits non-zero, the api never meets it).
 */
export class AsOfSnapshots {
  private readonly db: Database.Database;
  private readonly entries = new Map<string, SnapshotEntry[]>();
  /** Series keys of documents loaded and still alive in memory: their rows are kept even when no snapshot names them. */
  private readonly pinned = new Map<string, number>();
  private readonly unpin = new FinalizationRegistry<string[]>((hashes) => {
    for (const hash of hashes) {
      const count = (this.pinned.get(hash) ?? 1) - 1;
      if (count <= 0) this.pinned.delete(hash);
      else this.pinned.set(hash, count);
    }
  });
  /** Parts read and parsed, by row key, with the length of their JSON: the least recently read go first. */
  private readonly parsed: LRUCache<string, { values: Record<string, unknown>; bytes: number }>;
  private readonly readSeries: Database.Statement<[Buffer], { bytes: Buffer }>;
  private readonly addRef: Database.Statement<[Buffer]>;
  private readonly insertSeries: Database.Statement<[Buffer, number, Buffer]>;
  private snapshotBytes: number;
  private seriesBytes: number;
  private closed = false;

  /**
   * @param readOnly reads the snapshots another process writes and never writes, evicts or clears any (`itp report`
   *   beside a running api: only one process may evict, or the other's unread series could vanish under it).
   * @param parsedPartBytes the parsed parts kept in memory, in bytes of their JSON.
   */
  constructor(
    dir: string,
    private readonly budgetBytes: number,
    private readonly readOnly = false,
    parsedPartBytes = withinHeap(DEFAULT_PARSED_PART_BYTES, 0.04),
  ) {
    this.parsed = new LRUCache({ maxSize: Math.max(1, parsedPartBytes), sizeCalculation: (part) => part.bytes });
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'snapshots.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // 4 MiB of SQLite's page cache, not better-sqlite3's 16 MiB (SQLITE_DEFAULT_CACHE_SIZE=-16000): the rows of a
    // 1.4 GB file are read once and kept parsed above it, and the system's file cache holds the file outside the api.
    this.db.pragma('cache_size = -4096');
    this.db.exec(SCHEMA);
    this.readSeries = this.db.prepare('SELECT bytes FROM series_v5 WHERE hash = ?');
    this.addRef = this.db.prepare('UPDATE series_v5 SET refs = refs + 1 WHERE hash = ?');
    this.insertSeries = this.db.prepare('INSERT INTO series_v5 (hash, refs, size, bytes) VALUES (?, 1, ?, ?)');
    const rows = this.db
      .prepare<[], Row & { fingerprint: string }>(
        'SELECT fingerprint, position, recorded_at, event_id, events, bytes FROM snapshots_v5 ORDER BY position',
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
    const usage = this.db
      .prepare<[], { bodies: number; series: number }>('SELECT bodies, series FROM usage_v5 WHERE id = 1')
      .get();
    this.snapshotBytes = usage?.bodies ?? 0;
    this.seriesBytes = usage?.series ?? 0;
    // Only the writer sweeps: the rows no snapshot names are kept alive by the writer's pins, which a reader cannot see.
    if (!readOnly) this.sweep();
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

  /** The running totals, kept in the file so that opening it does not read every row (within a transaction). */
  private storeUsage(): void {
    this.db
      .prepare('UPDATE usage_v5 SET bodies = ?, series = ? WHERE id = 1')
      .run(this.snapshotBytes, this.seriesBytes);
  }

  /** Bytes the snapshots of every fingerprint take in the file: their documents, and the series they share. */
  totalBytes(): number {
    return this.snapshotBytes + this.seriesBytes;
  }

  save(fingerprint: string, entry: Omit<SnapshotEntry, 'bytes'>, documents: ReadonlyMap<string, StoredDocument>): void {
    if (this.readOnly || this.has(fingerprint, entry.position)) return;
    const chunks: Buffer[] = [];
    let light: StoredDocument[] = [];
    let index = Object.create(null) as SeriesIndex; // an _id such as __proto__ is a key like any other
    const flush = () => {
      chunks.push(deflateRawSync(JSON.stringify({ documents: light, index }), level1));
      light = [];
      index = Object.create(null) as SeriesIndex;
    };
    const hashes: Buffer[] = [];
    let added = 0;
    this.db.transaction(() => {
      // Another process on the same file may have written it since this one listed the file: its rows stand.
      if (
        this.db
          .prepare<[string, number], { found: number }>(
            'SELECT 1 AS found FROM snapshots_v5 WHERE fingerprint = ? AND position = ?',
          )
          .get(fingerprint, entry.position) !== undefined
      )
        return;
      for (const document of documents.values()) {
        if (light.length === CHUNK_DOCUMENTS) flush();
        const apart = this.partsOf(document);
        if (apart.length === 0) {
          light.push(document);
          continue;
        }
        const kept = new Set(apart.flatMap((part) => part.fields));
        // No prototype: a key __proto__ is a key like any other (an assignment would set the prototype).
        const rest = Object.create(null) as Record<string, unknown>;
        for (const key of Object.keys(document)) if (!kept.has(key)) rest[key] = document[key];
        light.push(rest as StoredDocument);
        for (const part of apart) {
          const key = Buffer.from(part.hash, 'base64url');
          if (this.addRef.run(key).changes === 0) {
            // Not on disk (any more): a document read from a snapshot keeps its rows pinned, so this one was folded.
            const deflated = deflateRawSync(part.json(), seriesDeflate);
            this.insertSeries.run(key, deflated.length, deflated);
            added += deflated.length;
          }
          hashes.push(key);
        }
        index[document._id] = apart.map((part) => [part.hash, part.fields]);
      }
      if (light.length > 0 || chunks.length === 0) flush();
      const body = chunkedBody(chunks);
      const refs = Buffer.concat(hashes);
      const bytes = body.length + refs.length;
      this.db
        .prepare(
          'INSERT INTO snapshots_v5 (fingerprint, position, recorded_at, event_id, events, bytes, used_at, body, hashes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(fingerprint, entry.position, entry.recordedAt, entry.eventId, entry.events, bytes, Date.now(), body, refs);
      this.snapshotBytes += bytes;
      this.seriesBytes += added;
      this.storeUsage();
      const list = this.listOf(fingerprint);
      list.push({ ...entry, bytes: bytes + added });
      list.sort((a, b) => a.position - b.position);
    })();
    this.enforceBudget();
  }

  /**
   * The parts of a document to keep apart, each with its row key and its JSON (computed only when needed): those it
   * was loaded with, else each group of LAZY_GROUPS it holds whose JSON is long enough (hashed once per document).
   */
  private partsOf(document: StoredDocument): { hash: string; fields: string[]; json: () => Buffer }[] {
    const jsonOf = (fields: readonly string[]) => () =>
      Buffer.from(JSON.stringify(Object.fromEntries(fields.map((f) => [f, document[f]]))));
    const raw = rawSeries.get(document);
    if (raw !== undefined) return raw.parts.map(({ hash, fields }) => ({ hash, fields, json: jsonOf(fields) }));
    let keys = seriesKeys.get(document);
    const parts: { hash: string; fields: string[]; json: () => Buffer }[] = [];
    const computed: (string | null)[] = [];
    LAZY_GROUPS.forEach((group, i) => {
      const fields = group.filter((field) => field in document);
      if (fields.length === 0) return void computed.push(null);
      let hash = keys?.[i];
      let bytes: Buffer | undefined;
      if (hash === undefined) {
        bytes = jsonOf(fields)();
        hash =
          bytes.length < APART_MIN_BYTES
            ? null
            : createHash('sha256').update(bytes).digest().subarray(0, HASH_BYTES).toString('base64url');
      }
      computed.push(hash);
      if (hash !== null) parts.push({ hash, fields, json: bytes === undefined ? jsonOf(fields) : () => bytes });
    });
    if (keys === undefined) seriesKeys.set(document, (keys = computed));
    return parts;
  }

  /**
   * The documents of one projection's snapshot, by id, deeply frozen. The fields of a document's parts kept apart
   * (LAZY_GROUPS) are enumerable getters: a part's row is read, inflated and parsed the first time any of its fields
   * is read (by a fold that evolves it, or a query that reads them); the documents nobody touches cost only their
   * light part.
   */
  load(fingerprint: string, position: number): Map<string, StoredDocument> | undefined {
    const row = this.db
      .prepare<[string, number], { body: Buffer }>(
        'SELECT body FROM snapshots_v5 WHERE fingerprint = ? AND position = ?',
      )
      .get(fingerprint, position);
    if (row === undefined) return undefined;
    if (!this.readOnly)
      this.db
        .prepare('UPDATE snapshots_v5 SET used_at = ? WHERE fingerprint = ? AND position = ?')
        .run(Date.now(), fingerprint, position);
    const loaded = new Map<string, StoredDocument>();
    for (const chunk of chunksOf(row.body)) {
      const inflated = inflateRawSync(chunk);
      const { documents, index } = JSON.parse(inflated.toString('utf8')) as {
        documents: StoredDocument[];
        index: SeriesIndex;
      };
      const lightBytes = Math.round(inflated.length / Math.max(1, documents.length));
      for (const light of documents) {
        const parts = Object.hasOwn(index, light._id) ? index[light._id] : undefined; // not Object.prototype's
        if (parts === undefined) {
          loaded.set(light._id, deepFreeze(light));
          continue;
        }
        const document = lazyDocument(light, parts, this.valuesOf, lightBytes);
        const hashes = parts.map(([hash]) => hash);
        for (const hash of hashes) this.pinned.set(hash, (this.pinned.get(hash) ?? 0) + 1);
        this.unpin.register(document, hashes);
        loaded.set(light._id, document);
      }
    }
    return loaded;
  }

  /** The values of a part: kept parsed, else its row read, inflated, parsed and frozen (then kept). */
  private readonly valuesOf = (hash: string): Record<string, unknown> => {
    const kept = this.parsed.get(hash);
    if (kept !== undefined) return kept.values;
    if (this.closed) throw new Error('The as-of snapshots were closed: series of a snapshot can no longer be read');
    const found = this.readSeries.get(Buffer.from(hash, 'base64url'));
    if (found === undefined) throw new Error(`The as-of snapshots lost the series ${hash}`);
    const bytes = inflateRawSync(found.bytes, { dictionary: SERIES_DICTIONARY });
    const values = deepFreeze(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
    this.parsed.set(hash, { values, bytes: Math.max(1, bytes.length) });
    return values;
  };

  /** Forgets the parsed parts kept (a document reads its part's row again when next touched). */
  dropParsedParts(): void {
    this.parsed.clear();
  }

  /** Bytes of JSON of the parsed parts kept in memory (bounded by the constructor's `parsedPartBytes`). */
  parsedPartBytes(): number {
    return this.parsed.calculatedSize;
  }

  /** Forgets every snapshot (of every fingerprint): the log they were folded from is not this log any more. */
  clear(): void {
    if (this.readOnly) {
      this.entries.clear(); // not read by this process; left for the writer to find stale and clear
      return;
    }
    this.db.exec('DELETE FROM snapshots_v5; DELETE FROM series_v5; UPDATE usage_v5 SET bodies = 0, series = 0;');
    this.entries.clear();
    this.snapshotBytes = 0;
    this.seriesBytes = 0;
  }

  close(): void {
    this.closed = true;
    this.db.close();
  }

  /** Deletes the series no snapshot names, but those of documents loaded and still in memory. */
  private sweep(): void {
    const unused = this.db
      .prepare<[], { hash: Buffer; size: number }>('SELECT hash, size FROM series_v5 WHERE refs <= 0')
      .all();
    const remove = this.db.prepare('DELETE FROM series_v5 WHERE hash = ? AND refs <= 0');
    this.db.transaction(() => {
      for (const { hash, size } of unused)
        if (!this.pinned.has(hash.toString('base64url')) && remove.run(hash).changes > 0) this.seriesBytes -= size;
      this.storeUsage();
    })();
  }

  private enforceBudget(): void {
    if (this.totalBytes() <= this.budgetBytes) return;
    const dropRef = this.db.prepare('UPDATE series_v5 SET refs = refs - 1 WHERE hash = ?');
    while (this.totalBytes() > this.budgetBytes) {
      const oldest = this.db
        .prepare<[], { fingerprint: string; position: number; bytes: number; hashes: Buffer }>(
          'SELECT fingerprint, position, bytes, hashes FROM snapshots_v5 ORDER BY used_at ASC, position ASC LIMIT 1',
        )
        .get();
      if (oldest === undefined) return;
      this.db.transaction(() => {
        this.db
          .prepare('DELETE FROM snapshots_v5 WHERE fingerprint = ? AND position = ?')
          .run(oldest.fingerprint, oldest.position);
        for (let i = 0; i < oldest.hashes.length; i += HASH_BYTES)
          dropRef.run(oldest.hashes.subarray(i, i + HASH_BYTES));
        this.snapshotBytes -= oldest.bytes;
        this.storeUsage();
      })();
      const list = this.listOf(oldest.fingerprint);
      const index = list.findIndex((entry) => entry.position === oldest.position);
      if (index >= 0) list.splice(index, 1);
      this.sweep();
    }
  }
}

import { LRUCache } from 'lru-cache';
import { getHeapStatistics } from 'node:v8';
import type { ReadDocument } from '../read-store.port';
import { isScalar } from './evaluate-query';
import type { StoredRow } from './sqlite-statements';
import { makeLazy, SERIES_FIELDS, SeriesMovedOnError, type LazySeries } from './stored-series';

/** The JSON text of the documents a cache may hold, by default (parsed, they take about 1.2 times that in the heap). */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * A cache's default size within the process's heap limit: its default, or its share of the limit when that is
 * smaller, so that a heap limit bounds the caches with the rest instead of the caches filling it. The shares of the
 * api's caches add up to 33 % of the limit (documents 20 %, series 3 %, the as-of engine's states 6 %, the as-of
 * snapshots' parsed parts 4 %; under the api's heap options (apps/api/src/heap-limit.ts), whose heap_size_limit
 * counts the young generation too, 416 MiB: 87, 13, 26 and 17 MB), leaving the rest to the answer being computed (with 50 %, and the parsed parts
 * kept by their documents, an as-of dispatch ran a 320 MB heap out of memory).
 */
export const withinHeap = (bytes: number, share: number): number =>
  Math.min(bytes, Math.floor(getHeapStatistics().heap_size_limit * share));

/**
 * The series (stored-series.ts) kept parsed, by default: 16 MB of their JSON (about 1,400 projects' at 1,000,000
 * events), least recently read first out; another process's commit empties it, as it empties the collections. The
 * reads that take every project's series (the monthly dispatch, the stale projects) are derivations remembered per
 * document (derived-results.ts), which read them only for a document they have not seen in that version. This cache
 * is for the reads of a few documents whole (a project, a page of them) asked again. It was 128 MB, the dispatch's
 * whole read at 1M events (114 MB), held parsed: about 230 MB of heap, a third of the api's RSS while serving.
 */
export const DEFAULT_SERIES_CACHE_BYTES = 16 * 1024 * 1024;

/** A commit that writes more documents than this into a cached collection drops it rather than patch it. */
const PATCH_LIMIT = 2_000;

/** One document as the cache holds it, by its stored body: parsed once, frozen. */
export interface CachedWrite {
  collection: string;
  id: string;
  position: number;
  /** The stored body (JSON), or null when the document was removed. */
  body: string | null;
  /** Whether its series were stored apart (then read when asked). */
  lazy: boolean;
}

/** Reads the series of one version of a document: undefined when its row has moved on or holds none. */
export type SeriesReader = (collection: string, id: string, position: number) => string | undefined;

interface CachedCollection {
  /** Sorted by `_id`, as the store's scan returns them (its primary key order); every document frozen. */
  documents: ReadDocument[];
  bytes: number;
  /** Per top-level field, built on first use: value -> indexes into `documents` of the documents holding it. */
  fields: Map<string, FieldIndex>;
  /**
   * Per sort (its JSON), built on first use: the documents in that order, or null when they cannot be sorted
   * without mingo (dropped with `fields` by any change).
   */
  orders: Map<string, ReadDocument[] | null>;
  /**
   * Per field, values and sort (their JSON), built on first use: the candidates of `candidates` in that order, or
   * null when they cannot be sorted without mingo. The problems of one unit (12,000 of 120,579) were sorted by date
   * at every request of its list.
   */
  pinnedOrders: Map<string, ReadDocument[] | null>;
  /**
   * Whether any document parsed into it had its series apart (then a query's answer must be materialized): false
   * for a collection without series, whose 120,579 problems were each looked up for nothing at every list.
   */
  lazy: boolean;
}

/**
 * Per value of one top-level field, the documents whose field is that value or an array holding it (MongoDB's
 * equality on arrays). Documents whose field is anything else (an object, absent, null) hold no scalar to
 * match and are never candidates for a scalar.
 */
type FieldIndex = Map<unknown, number[]>;

/**
 * Objects and arrays all the way down: a cached document is shared by every caller, none may change it. Stops at
 * what is already frozen (a document evolved from a frozen one shares most of its parts with it). Indexed and keyed
 * loops rather than Object.values: no array allocated per object (hundreds of thousands of small objects in a
 * collection or an as-of snapshot's series, and their garbage showed in the profiles).
 */
export const deepFreeze = <T>(value: T): T => {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i += 1) deepFreeze(value[i]);
  else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
};

const byId = (documents: readonly ReadDocument[], id: string): { index: number; found: boolean } => {
  let low = 0;
  let high = documents.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (documents[middle]!._id < id) low = middle + 1;
    else high = middle;
  }
  return { index: low, found: low < documents.length && documents[low]!._id === id };
};

/**
 * Parsed documents of whole collections, frozen and shared by every query (a query that scans a collection
 * then filters objects instead of parsing every row again: JSON.parse is most of a scan's cost, and a copy per
 * query cost as much again).
 *
 * Bounded: at most `maxBytes` of documents' JSON text in all (least recently used collections go first; a
 * collection larger than that is never held, its queries parse it). This store's own commits patch the cached
 * collections they touch (a live projection's few documents), instead of dropping them; a large commit drops
 * the collection.
 *
 * Staleness is ruled out, not bounded: SQLite's `data_version` changes when ANOTHER connection (the projector
 * process) commits, and then everything is dropped; this connection's commits are patched in.
 *
 * A document whose series are stored apart is held without them: its series fields are getters that read that
 * version's series (by position) into a second bounded cache when a query's answer needs them. A version another
 * process replaced in the meantime has none to read: SeriesMovedOnError, and the store asks again.
 */
export class DocumentCache {
  private version = -1;
  private readonly collections: LRUCache<string, CachedCollection>;

  /** Bumped by every change this connection makes: a warm-up in progress then gives up. */
  private epoch = 0;
  /** The collection the warm-up is loading, with what it has parsed so far (one at a time). */
  private warming: Warming | undefined;

  /** Parsed series, by collection, id and position, with the length of their JSON. */
  private readonly series: LRUCache<string, { values: Record<string, unknown>; chars: number }>;
  private readonly readLazy: (lazy: LazySeries) => Record<string, unknown>;

  constructor(
    private readonly dataVersion: () => number,
    maxBytes = withinHeap(DEFAULT_CACHE_BYTES, 0.2),
    readSeries: SeriesReader = () => undefined,
    seriesBytes = withinHeap(DEFAULT_SERIES_CACHE_BYTES, 0.03),
  ) {
    this.series = new LRUCache({ maxSize: seriesBytes, sizeCalculation: (entry) => Math.max(1, entry.chars) });
    this.readLazy = ({ collection, id, position }) => {
      const key = `${collection}\u0000${id}\u0000${position}`;
      const kept = this.series.get(key);
      if (kept !== undefined) return kept.values;
      const json = readSeries(collection, id, position);
      if (json === undefined) throw new SeriesMovedOnError(collection, id, position);
      const values = deepFreeze(JSON.parse(json) as Record<string, unknown>);
      this.series.set(key, { values, chars: json.length });
      return values;
    };
    this.collections = new LRUCache<string, CachedCollection>({
      maxSize: maxBytes,
      sizeCalculation: (collection) => Math.max(1, collection.bytes),
    });
  }

  /** After a change this connection cannot describe (a dropped collection, a failed commit): forget everything. */
  changed(): void {
    this.epoch += 1;
    this.collections.clear();
    this.series.clear();
  }

  /** Whether the collection is held parsed now (checked against another process's commits first). */
  held(collection: string): boolean {
    this.sync();
    return this.collections.has(collection);
  }

  /** Rows parsed as the cache parses them (frozen; series apart read when asked), for one read: not held. */
  parsedApart(collection: string, rows: readonly StoredRow[]): ReadDocument[] {
    return rows.map((row) => this.parse(collection, row));
  }

  /** Whether a commit to this collection has anything to patch (else its writes need not be kept for `committed`). */
  holds(collection: string): boolean {
    return this.collections.has(collection);
  }

  /** Whether the held collection may hold a document with its series apart (true when it is not held). */
  mayHoldLazy(collection: string): boolean {
    return this.collections.get(collection)?.lazy ?? true;
  }

  /** After this connection committed these writes (applied ones only): patch the cached collections. */
  committed(writes: readonly CachedWrite[], changedAny: boolean): void {
    this.sync();
    // Also when no held collection changed: a collection being warmed up is not held yet.
    if (changedAny) this.epoch += 1;
    const perCollection = new Map<string, CachedWrite[]>();
    for (const write of writes) {
      if (!this.collections.has(write.collection)) continue;
      const list = perCollection.get(write.collection) ?? [];
      list.push(write);
      perCollection.set(write.collection, list);
    }
    for (const [name, list] of perCollection) {
      const cached = this.collections.get(name)!;
      if (list.length > PATCH_LIMIT) {
        this.collections.delete(name);
        continue;
      }
      let { bytes, lazy: holdsLazy } = cached;
      const { documents } = cached;
      for (const { id, body, position, lazy } of list) {
        holdsLazy ||= lazy;
        const at = byId(documents, id);
        if (at.found) bytes -= (documents[at.index] as { [BYTES]?: number })[BYTES] ?? 0;
        if (body === null) {
          if (at.found) documents.splice(at.index, 1);
          continue;
        }
        const document = this.parse(name, { id, position, body, lazy: lazy ? 1 : 0 });
        if (at.found) documents[at.index] = document;
        else documents.splice(at.index, 0, document);
        bytes += body.length;
      }
      // Re-set: its size changed (and it may no longer fit).
      this.hold(name, documents, bytes, holdsLazy);
    }
  }

  /** Every document of the collection, in `_id` order (shared and frozen: not to be changed or handed out as is). */
  documents(collection: string, load: () => StoredRow[]): ReadDocument[] {
    return this.entry(collection, load).documents;
  }

  /**
   * Every document of the collection in the order of `sort`, when `order` can sort them (else undefined): sorted
   * once per version of the collection, then shared (not to be changed). A query that filters the whole collection
   * keeps this order, so it need not sort again: the problems list sorted its 120,579 problems by date per request.
   */
  documentsInOrder(
    collection: string,
    load: () => StoredRow[],
    sort: Readonly<Record<string, number>>,
    order: (documents: ReadDocument[]) => ReadDocument[] | undefined,
  ): ReadDocument[] | undefined {
    const cached = this.entry(collection, load);
    const key = JSON.stringify(sort);
    let sorted = cached.orders.get(key);
    if (sorted === undefined) {
      sorted = order(cached.documents) ?? null;
      // A few sorts per collection are asked for (the api's lists); more are not kept. Kept too: that a sort
      // cannot be done here (a field of mixed types, left to mingo), not to check every document again.
      if (cached.orders.size < MAX_ORDERS) cached.orders.set(key, sorted);
    }
    return sorted ?? undefined;
  }

  /**
   * The documents that may have `field` equal to one of `values` (scalars), in `_id` order: a superset of
   * those that match, the others being those whose field is that value or an array holding it.
   */
  candidates(collection: string, load: () => StoredRow[], field: string, values: readonly unknown[]) {
    const cached = this.entry(collection, load);
    let index = cached.fields.get(field);
    if (index === undefined) {
      index = new Map();
      cached.documents.forEach((document, position) => {
        const value = document[field];
        const keys = Array.isArray(value) ? new Set(value.filter(isScalar)) : isScalar(value) ? [value] : [];
        for (const key of keys) {
          const list = index!.get(key);
          if (list === undefined) index!.set(key, [position]);
          else list.push(position);
        }
      });
      cached.fields.set(field, index);
    }
    const positions =
      values.length === 1 ? (index.get(values[0]) ?? []) : [...new Set(values.flatMap((v) => index.get(v) ?? []))];
    if (values.length > 1) positions.sort((a, b) => a - b);
    return positions.map((position) => cached.documents[position]!);
  }

  /**
   * The candidates of `candidates` in the order of `sort`, when `order` can sort them (else undefined): sorted once
   * per version of the collection, then shared (not to be changed), as `documentsInOrder`.
   */
  candidatesInOrder(
    collection: string,
    load: () => StoredRow[],
    pinned: { field: string; values: readonly unknown[] },
    sort: Readonly<Record<string, number>>,
    order: (documents: ReadDocument[]) => ReadDocument[] | undefined,
  ): ReadDocument[] | undefined {
    const cached = this.entry(collection, load);
    const key = JSON.stringify([pinned.field, pinned.values, sort]);
    let sorted = cached.pinnedOrders.get(key);
    if (sorted === undefined) {
      sorted = order(this.candidates(collection, load, pinned.field, pinned.values)) ?? null;
      if (cached.pinnedOrders.size < MAX_PINNED_ORDERS) cached.pinnedOrders.set(key, sorted);
    }
    return sorted ?? undefined;
  }

  /**
   * The documents of these ids, in this order, when the collection is held (undefined when it is not: then the
   * caller reads them by primary key). Shared and frozen, as `documents`.
   */
  byIds(collection: string, ids: readonly string[]): ReadDocument[] | undefined {
    this.sync();
    const cached = this.collections.get(collection);
    if (cached === undefined) return undefined;
    return ids.flatMap((id) => {
      const at = byId(cached.documents, id);
      return at.found ? [cached.documents[at.index]!] : [];
    });
  }

  /**
   * Loads a collection a page at a time, a turn of the event loop between pages, so that queries are answered
   * meanwhile; gives up when the collection may have changed (any commit). A query that needs the collection
   * meanwhile takes the warm-up over (`entry`): it reads the pages left, keeping those parsed. True when it is
   * held afterwards.
   */
  async warm(collection: string, page: (afterId: string, limit: number) => StoredRow[]) {
    this.sync();
    const warming: Warming = {
      collection,
      page,
      version: this.version,
      epoch: this.epoch,
      documents: [],
      bytes: 0,
      lazy: false,
      after: '',
      done: false,
    };
    this.warming = warming;
    try {
      while (!warming.done && !this.collections.has(collection)) {
        const whole = this.readPages(warming, WARM_PAGE);
        // Checked after each page is read: a commit before it (by another process) may have changed what it read.
        if (!this.unchangedSince(warming)) return false;
        if (whole) this.install(warming);
        else await new Promise((resolve) => setImmediate(resolve));
      }
      return this.collections.has(collection);
    } finally {
      if (this.warming === warming) this.warming = undefined;
    }
  }

  /** Whether nothing was committed since the warm-up began (then the pages it parsed are still what is stored). */
  private unchangedSince(warming: Warming): boolean {
    return this.dataVersion() === warming.version && this.epoch === warming.epoch;
  }

  /** Parses the next page (or every row left, for `limit` Infinity): true when the collection has been read whole. */
  private readPages(warming: Warming, limit: number): boolean {
    const rows = warming.page(warming.after, Number.isFinite(limit) ? limit : -1);
    // Parsed first, kept after: a row that cannot be parsed leaves the warm-up as it was.
    const { documents, bytes, lazy } = this.parseRows(warming.collection, rows);
    for (const document of documents) warming.documents.push(document);
    warming.bytes += bytes;
    warming.lazy ||= lazy;
    if (rows.length > 0) warming.after = rows[rows.length - 1]!.id;
    warming.done = !Number.isFinite(limit) || rows.length < limit;
    return warming.done;
  }

  private install(warming: Warming): CachedCollection {
    return this.hold(warming.collection, inIdOrder(warming.documents), warming.bytes, warming.lazy);
  }

  /** Holds a collection's documents (in `_id` order), its field indexes and sort orders built anew on use. */
  private hold(collection: string, documents: ReadDocument[], bytes: number, lazy: boolean): CachedCollection {
    const entry: CachedCollection = {
      documents,
      bytes,
      fields: new Map(),
      orders: new Map(),
      pinnedOrders: new Map(),
      lazy,
    };
    this.collections.set(collection, entry);
    return entry;
  }

  /** Rows parsed, with the length of their JSON and whether any has its series apart. */
  private parseRows(collection: string, rows: readonly StoredRow[]) {
    let bytes = 0;
    let lazy = false;
    const documents = rows.map((row) => {
      bytes += row.body.length;
      lazy ||= Boolean(row.lazy);
      return this.parse(collection, row);
    });
    return { documents, bytes, lazy };
  }

  private sync(): void {
    const version = this.dataVersion();
    if (version !== this.version) {
      this.collections.clear();
      this.series.clear();
      this.version = version;
    }
  }

  private entry(collection: string, load: () => StoredRow[]): CachedCollection {
    this.sync();
    const cached = this.collections.get(collection);
    if (cached !== undefined) return cached;
    // Being warmed up, unchanged since: the pages parsed so far are kept, the rest read now.
    const warming = this.warming;
    if (warming?.collection === collection && !warming.done && this.unchangedSince(warming)) {
      this.readPages(warming, Infinity);
      return this.install(warming);
    }
    const { documents, bytes, lazy } = this.parseRows(collection, load());
    return this.hold(collection, inIdOrder(documents), bytes, lazy);
  }

  /** Parsed and frozen; a row whose series are apart gets getters in their places (their values are not read here). */
  private parse(collection: string, row: StoredRow): ReadDocument {
    const document = JSON.parse(row.body) as ReadDocument;
    Object.defineProperty(document, BYTES, { value: row.body.length, enumerable: false });
    if (!row.lazy) return deepFreeze(document);
    for (const key in document) if (!SERIES_FIELDS.includes(key)) deepFreeze(document[key]);
    makeLazy(document, { collection, id: row.id, position: row.position, read: this.readLazy });
    return Object.freeze(document);
  }
}

/** A warm-up under way: the pages of `collection` parsed so far, in `_id` order up to `after`. */
interface Warming {
  collection: string;
  page: (afterId: string, limit: number) => StoredRow[];
  /** The store's data version and this cache's epoch when it began: a commit since makes its pages stale. */
  version: number;
  epoch: number;
  documents: ReadDocument[];
  bytes: number;
  lazy: boolean;
  after: string;
  /** Read whole (by the warm-up or a query that took it over). */
  done: boolean;
}

const BYTES = Symbol('bytes');
const MAX_ORDERS = 8;
/** The lists of a few dozen units, cities or stages, each in its sort. */
const MAX_PINNED_ORDERS = 32;
const WARM_PAGE = 250;

/** SQLite orders ids by their UTF-8 bytes, JavaScript by UTF-16 units: the same for all but a few exotic ids. */
const inIdOrder = (documents: ReadDocument[]): ReadDocument[] => {
  for (let i = 1; i < documents.length; i += 1)
    if (documents[i - 1]!._id >= documents[i]!._id)
      return documents.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  return documents;
};

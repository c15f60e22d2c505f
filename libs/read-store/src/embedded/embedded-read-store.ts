import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CollectionInUseError } from '../read-store.errors';
import {
  assertAliasable,
  assertCheckpoint,
  assertCollectionName,
  assertFindOptions,
  assertProjectionName,
  coalesceWrites,
  storedBody,
} from '../read-store-input';
import type {
  ApplyBatchResult,
  Derivation,
  FindOptions,
  IndexSpec,
  ReadCollection,
  ReadDocument,
  ReadFilter,
  ReadStore,
  ReadStoreBatch,
  ReadStoreHealth,
  StoredDocument,
  SwitchAliasOptions,
} from '../read-store.port';
import {
  evaluateCount,
  evaluateFind,
  pinnedField,
  pinnedIds,
  projected,
  sortedFast,
  withoutPinnedIds,
} from './evaluate-query';
import { DerivedResults } from './derived-results';
import { DocumentCache, type CachedWrite } from './document-cache';
import { onHeapPressure } from './heap-pressure';
import { sqlPrefilter } from './sql-prefilter';
import { prepareStatements, type SqliteStatements, type StoredRow } from './sqlite-statements';
import { joinStored, materialized, SeriesMovedOnError, splitStored } from './stored-series';

/** Prepared narrowed scans kept (one per filter shape). */
const MAX_NARROWED_SCANS = 32;

const parseRow = (row: { body: string; series: string | null }): ReadDocument => joinStored(row.body, row.series);

/**
 * Runs a read once more from a fresh cache when a series it needed was replaced by another process between the
 * cache's check and the read (one retry: the fresh cache holds only what is stored now).
 */
const again = <T>(read: () => T, reset: () => void): T => {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SeriesMovedOnError)) throw error;
    reset();
    return read();
  }
};

export interface EmbeddedReadStoreOptions {
  /** A file path, or ':memory:' for tests (gone when closed). */
  filePath: string;
  /** At most this much documents' JSON text kept parsed for queries (DEFAULT_CACHE_BYTES, 256 MB, or a fifth of the heap limit when smaller). */
  cacheBytes?: number;
  /** At most this much of the series' JSON (stored-series.ts) kept parsed (DEFAULT_SERIES_CACHE_BYTES, 16 MB, or 3 % of the heap limit when smaller). */
  seriesCacheBytes?: number;
}

/** Where the read store lives inside the application's data directory. */
export const embeddedReadStorePath = (dataDir: string): string => join(dataDir, 'read-store.sqlite');

/**
 * The read store in one SQLite file, no server. A batch's writes and its checkpoint commit in ONE transaction,
 * so a crash leaves all of a batch or none of it; the `_position` guard still applies, so that both adapters
 * behave alike when a runner replays. Queries run through mingo over the parsed documents: reads by `_id`
 * (the projection runner's) go by primary key, other queries filter a whole collection, kept parsed (and
 * frozen: results are read-only, see `find`) in a bounded DocumentCache that this store's commits patch. A filter
 * that pins a top-level field to scalars is narrowed first by an index of that field the cache builds on first
 * use; mingo still applies the whole filter. Before the start-up warm-up has loaded a collection, a query on it
 * reads only the rows SQLite finds may match (sql-prefilter.ts) instead of loading it.
 */
export class EmbeddedReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  private readonly cache: DocumentCache;
  private readonly derived = new DerivedResults();
  /**
   * Under heap pressure (heap-pressure.ts) the held collections and series go with the as-of engine's caches: a
   * query after reads them again, where an as-of question at a late instant (its own 120,579 problems folded from
   * a snapshot beside the live ones) ran a 320 MB heap out of memory with them held.
   */
  private readonly stopRelief: () => void;
  /**
   * The collections the start-up warm-up has yet to load (warmUp). Until it has, a query on one of them reads only
   * the rows SQLite finds may match (sqlPrefilter), instead of parsing the whole collection itself: the first
   * query after start took 600-900 ms on the 1M-event log parsing the 10,000 projects' 19 MB of JSON.
   */
  private readonly notWarmedYet = new Set<string>();
  private readonly narrowedScans = new Map<string, Database.Statement<unknown[], StoredRow>>();

  constructor(options: EmbeddedReadStoreOptions) {
    if (options.filePath !== ':memory:') mkdirSync(dirname(options.filePath), { recursive: true });
    this.db = new Database(options.filePath);
    // WAL lets the API read while the projector writes. NORMAL may lose the last commits on power loss, but a
    // batch and its checkpoint are lost together, so the projection simply replays them.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.sql = prepareStatements(this.db);
    const dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.cache = new DocumentCache(
      // Closed: a version no state had, so that a warm-up still under way gives up instead of reading.
      () => (this.db.open ? (dataVersion.get() ?? 0) : -1),
      options.cacheBytes,
      (collection, id, position) => this.sql.getSeries.get(collection, id, position)?.series ?? undefined,
      options.seriesCacheBytes,
    );
    this.stopRelief = onHeapPressure(() => this.cache.changed());
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    assertCollectionName(name);
    const findNow = (filter: ReadFilter, options: FindOptions): StoredDocument<T>[] => {
      const physical = this.resolve(name);
      const { documents, rest, cached, sorted } = this.candidates(physical, filter, options.sort);
      const found = evaluateFind(documents, rest, sorted ? { ...options, sort: undefined } : options);
      // Cached documents are shared and frozen (a caller that changes one gets a TypeError, not a corrupt
      // cache): copying every result cost as much as parsing it again. The array itself is the caller's. Their
      // series are read now, inside this synchronous find: a getter run later could meet a row replaced since.
      // A projection's answer is made of new documents already (their values frozen, as the shared ones'): only
      // whole documents held by the cache are copied.
      const whole = options.projection === undefined || Object.keys(options.projection).length === 0;
      if (cached === 'copy' && whole) return structuredClone(found) as StoredDocument<T>[];
      if ((cached === 'shared' && this.cache.mayHoldLazy(physical)) || cached === 'unheld')
        return found.map(materialized) as StoredDocument<T>[];
      // The cache's own array when nothing narrowed it: the caller gets an array of its own.
      return (found === documents ? found.slice() : found) as StoredDocument<T>[];
    };
    const find = async (filter: ReadFilter, options: FindOptions = {}): Promise<StoredDocument<T>[]> => {
      assertFindOptions(options);
      return again(
        () => this.inOneSnapshot(() => findNow(filter, options)),
        () => this.cache.changed(),
      );
    };
    const findDerivedNow = <R>(filter: ReadFilter, options: FindOptions, derivation: Derivation<T, R>): R[] => {
      const { projection, ...rest } = options;
      const narrowed = projection === undefined || Object.keys(projection).length === 0 ? undefined : projection;
      // What find would give for one of the documents found, its series read (inside this snapshot) if it holds them.
      const given = (document: ReadDocument) =>
        narrowed === undefined ? materialized(document) : projected([document], narrowed)[0]!;
      const { documents, rest: unmatched, cached, sorted } = this.candidates(this.resolve(name), filter, rest.sort);
      const found = evaluateFind(documents, unmatched, sorted ? { ...rest, sort: undefined } : rest);
      // Parsed for this read alone: nothing to remember them by.
      if (cached === false || cached === 'unheld')
        return found.map((document) => derivation.derive(given(document) as StoredDocument<T>));
      // The cache's own (frozen) objects, one per stored version: a result is remembered by the object it came
      // from (and the projection it was given through), and derived only when there is none.
      const remembered: Derivation<T, R> =
        narrowed === undefined
          ? derivation
          : {
              key: `${derivation.key}\u0000${JSON.stringify(narrowed)}`,
              basis: derivation.basis,
              derive: (document) => derivation.derive(document),
            };
      return found.map((held) => this.derived.of(held, remembered, given));
    };
    return {
      name,
      find,
      findDerived: async (filter, options, derivation) => {
        assertFindOptions(options);
        return again(
          () => this.inOneSnapshot(() => findDerivedNow(filter, options, derivation)),
          () => this.cache.changed(),
        );
      },
      findOne: async (filter) => (await find(filter, { limit: 1 }))[0] ?? null,
      count: async (filter = {}) => {
        const physical = this.resolve(name);
        if (Object.keys(filter).length === 0) return this.sql.countAll.get(physical)?.n ?? 0;
        return again(
          () =>
            this.inOneSnapshot(() => {
              const { documents, rest } = this.candidates(physical, filter);
              return evaluateCount(documents, rest);
            }),
          () => this.cache.changed(),
        );
      },
    };
  }

  async applyBatch(batch: ReadStoreBatch): Promise<ApplyBatchResult> {
    const writes = coalesceWrites(batch.writes);
    if (batch.checkpoint !== undefined) assertCheckpoint(batch.checkpoint);
    const commit = this.db.transaction((): ApplyBatchResult => {
      const physical = new Map<string, string>();
      const resolved = (name: string): string => {
        let target = physical.get(name);
        if (target === undefined) physical.set(name, (target = this.resolve(name)));
        return target;
      };
      // Again after resolving: two names may lead to one collection, and each document must get one write.
      let applied = 0;
      for (const write of coalesceWrites(writes.map((w) => ({ ...w, collection: resolved(w.collection) })))) {
        if (write.kind === 'upsert') {
          const { body, series } = splitStored(storedBody(write.document, write.position));
          const { changes } = this.sql.upsert.run(write.collection, write.document._id, write.position, body, series);
          if (changes > 0 && this.cache.holds(write.collection))
            written.push({
              collection: write.collection,
              id: write.document._id,
              position: write.position,
              body,
              lazy: series !== null,
            });
          applied += changes;
        } else {
          const { changes } = this.sql.remove.run(write.collection, write.id, write.position);
          if (changes > 0 && this.cache.holds(write.collection))
            written.push({
              collection: write.collection,
              id: write.id,
              position: write.position,
              body: null,
              lazy: false,
            });
          applied += changes;
        }
      }
      if (batch.checkpoint !== undefined) {
        this.sql.advanceCheckpoint.run(batch.checkpoint.projection, batch.checkpoint.position);
      }
      return { applied, skipped: writes.length - applied };
    });
    const written: CachedWrite[] = [];
    let result: ApplyBatchResult;
    try {
      // IMMEDIATE takes the write lock up front: no SQLITE_BUSY halfway through when another process reads.
      result = commit.immediate();
    } catch (error) {
      this.cache.changed();
      throw error;
    }
    this.cache.committed(written, result.applied > 0);
    return result;
  }

  /**
   * Loads every live collection (each alias' target) into the cache in the background, a page at a time, so that
   * the first queries after start do not each parse a whole collection (the api calls it once it is ready). The
   * smallest first (by documents): most collections are ready soonest, and the largest (the problems, 120,579 at
   * 1M events) no longer delays the project library, which most reports read. A query that needs the collection
   * being loaded takes the load over, keeping what was parsed. Best effort: a collection a commit changed meanwhile
   * is left to the first query that needs it.
   */
  async warmUp(): Promise<string[]> {
    const held: string[] = [];
    const targets = this.sql.aliasTargets
      .all()
      .map(({ target }) => ({ target, documents: this.sql.countAll.get(target)?.n ?? 0 }))
      .sort((a, b) => a.documents - b.documents || (a.target < b.target ? -1 : 1));
    for (const { target } of targets) this.notWarmedYet.add(target);
    try {
      for (const { target } of targets) {
        if (!this.db.open) break;
        const loaded = await this.cache.warm(target, (afterId, limit) =>
          this.db.open ? this.sql.scanPage.all(target, afterId, limit) : [],
        );
        this.notWarmedYet.delete(target);
        if (loaded) held.push(target);
      }
    } finally {
      this.notWarmedYet.clear();
    }
    return held;
  }

  async getCheckpoint(projection: string): Promise<number> {
    assertProjectionName(projection);
    return this.sql.getCheckpoint.get(projection)?.position ?? 0;
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    assertProjectionName(projection);
    this.sql.deleteCheckpoint.run(projection);
  }

  async switchAlias(alias: string, target: string, options: SwitchAliasOptions = {}): Promise<{ previous: string }> {
    assertCollectionName(alias);
    assertCollectionName(target);
    if (options.checkpoint !== undefined) assertCheckpoint(options.checkpoint);
    const switchOver = this.db.transaction((): { previous: string } => {
      assertAliasable(
        alias,
        target,
        this.sql.getAlias.get(target) !== undefined,
        this.sql.aliasesOf.all(alias).length > 0,
      );
      const previous = this.sql.getAlias.get(alias)?.target ?? alias;
      this.sql.setAlias.run(alias, target);
      if (options.checkpoint !== undefined) {
        this.sql.setCheckpoint.run(options.checkpoint.projection, options.checkpoint.position);
      }
      return { previous };
    });
    return switchOver.immediate();
  }

  async resolveAlias(name: string): Promise<string> {
    assertCollectionName(name);
    return this.resolve(name);
  }

  async removeAlias(alias: string): Promise<void> {
    assertCollectionName(alias);
    this.sql.removeAlias.run(alias);
  }

  async dropCollection(name: string): Promise<void> {
    assertCollectionName(name);
    this.db
      .transaction(() => {
        const aliases = this.sql.aliasesOf.all(name).map((row) => row.alias);
        if (aliases.length > 0) throw new CollectionInUseError(name, aliases);
        this.sql.dropDocuments.run(name);
      })
      .immediate();
    this.cache.changed();
  }

  async listCollections(): Promise<string[]> {
    return this.sql.listCollections.all().map((row) => row.collection);
  }

  async ensureIndexes(collection: string, _indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(collection);
  }

  async health(): Promise<ReadStoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { backend: 'sqlite', reachable: true, detail: this.db.name };
    } catch (error) {
      return { backend: 'sqlite', reachable: false, detail: String(error) };
    }
  }

  async close(): Promise<void> {
    this.stopRelief();
    if (this.db.open) this.db.close();
  }

  /**
   * A read inside one read transaction: the cache's check of `data_version` and every series it reads then see the
   * same state of the file, so a series the cached documents name cannot be replaced by another process halfway
   * through (the retry in `again` stays in case `PRAGMA data_version` is answered before SQLite has taken the read
   * snapshot the later statements see).
   */
  private inOneSnapshot<T>(read: () => T): T {
    if (this.db.inTransaction) return read();
    return this.db.transaction(read).deferred();
  }

  private resolve(name: string): string {
    return this.sql.getAlias.get(name)?.target ?? name;
  }

  /** The documents that can match, and the part of the filter they still have to pass. */
  private candidates(
    physical: string,
    filter: ReadFilter,
    sort?: FindOptions['sort'],
  ): { documents: ReadDocument[]; rest: ReadFilter; cached: 'shared' | 'copy' | 'unheld' | false; sorted?: true } {
    const ids = pinnedIds(filter);
    if (ids === undefined) {
      const narrowed = this.narrowedBeforeWarm(physical, filter);
      if (narrowed !== undefined) return { documents: narrowed, rest: filter, cached: 'unheld' };
      const load = () => this.sql.scan.all(physical);
      const pinned = pinnedField(filter);
      if (pinned === undefined) {
        // The whole collection in the sort's order, kept by the cache: filtering it keeps that order.
        const inOrder =
          sort === undefined || Object.keys(sort).length === 0
            ? undefined
            : this.cache.documentsInOrder(physical, load, sort, (documents) => sortedFast(documents, sort));
        if (inOrder !== undefined) return { documents: inOrder, rest: filter, cached: 'shared', sorted: true };
        return { documents: this.cache.documents(physical, load), rest: filter, cached: 'shared' };
      }
      // The index's candidates are exactly the field's matches (the value, or an array holding it): only the
      // rest of the filter is left to check.
      const { [pinned.field]: _pinned, ...rest } = filter;
      // In the sort's order when asked for one, kept by the cache: filtering them keeps that order.
      const inOrder =
        sort === undefined || Object.keys(sort).length === 0
          ? undefined
          : this.cache.candidatesInOrder(physical, load, pinned, sort, (documents) => sortedFast(documents, sort));
      if (inOrder !== undefined) return { documents: inOrder, rest, cached: 'shared', sorted: true };
      const documents = this.cache.candidates(physical, load, pinned.field, pinned.values);
      return { documents, rest, cached: 'shared' };
    }
    // From the cache when it holds the collection (copies: the projection runner's folds may change what they
    // read), else by primary key, not loading the collection for a few documents.
    const held = this.cache.byIds(physical, ids);
    if (held !== undefined) return { documents: held, rest: withoutPinnedIds(filter), cached: 'copy' };
    // By primary key, not through the cache: the projection runner's reads between its own writes.
    const documents = ids.flatMap((id) => this.sql.getOne.get(physical, id) ?? []).map(parseRow);
    return { documents, rest: withoutPinnedIds(filter), cached: false };
  }

  /**
   * Before the warm-up has loaded the collection: the documents of the rows SQLite finds may match the filter,
   * parsed for this read alone (frozen, their series read when asked, as the cache's), in `_id` order; undefined
   * when the collection is held or warmed already, or the filter narrows nothing SQLite can check.
   */
  private narrowedBeforeWarm(physical: string, filter: ReadFilter): ReadDocument[] | undefined {
    if (!this.notWarmedYet.has(physical) || this.cache.held(physical)) return undefined;
    const condition = sqlPrefilter(filter);
    if (condition === undefined) return undefined;
    let scan = this.narrowedScans.get(condition.sql);
    if (scan === undefined) {
      scan = this.db.prepare<unknown[], StoredRow>(
        `SELECT id, position, body, series IS NOT NULL AS lazy FROM read_documents WHERE collection = ? AND ${condition.sql} ORDER BY id`,
      );
      // The api asks a few filters' shapes; their values are parameters.
      if (this.narrowedScans.size < MAX_NARROWED_SCANS) this.narrowedScans.set(condition.sql, scan);
    }
    return this.cache.parsedApart(physical, scan.all(physical, ...condition.params));
  }
}

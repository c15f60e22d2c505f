/**
 * The read store port: where projections keep their documents and checkpoints, and where queries read them.
 *
 * How a projection runner uses it:
 * 1. read a batch of events from the global log after `getCheckpoint(projection)`;
 * 2. load the documents the batch touches (`find({ _id: { $in: ids } })`) and skip, per document, every event
 *    whose position is <= the document's `_position` (that event is already folded in);
 * 3. fold the rest with `evolve`, then `applyBatch({ writes, checkpoint })`.
 *
 * Why replaying a batch changes nothing (the adapters differ, the guarantee does not):
 * - every stored document carries `_position`, the global position of the event that last changed it, and a
 *   write only lands if the stored `_position` is lower than the write's position (a delete: lower or equal);
 * - EMBEDDED (SQLite): the batch's writes and its checkpoint commit in one transaction, so after a crash either
 *   all of it or none of it is there;
 * - MONGODB / FerretDB: there are no multi-document transactions (FerretDB has none), so documents are written
 *   first and the checkpoint last. A crash in between leaves the checkpoint behind the documents; the runner then
 *   replays from the old checkpoint and the `_position` guard turns every already-applied write into a no-op.
 *   A delete leaves no `_position` behind (no tombstones, so queries need no extra filter): after such a crash
 *   the replay folds the deleted document's earlier events of that batch from "absent" again, and ends at the
 *   same delete. An evolve must therefore accept an absent document (returning null is enough).
 * - One runner writes a projection's collections at a time; the guard makes replays safe, not concurrent writers.
 *
 * Rebuilds never show readers a half-built collection: build into a fresh physical collection (for example
 * `project_library_v2_rebuild_1`) while readers keep reading `project_library_v2`, then `switchAlias` points the
 * name at the new collection in one single-document write. Renaming is not used because FerretDB 1.x cannot
 * rename onto an existing collection (`dropTarget` is unimplemented), so a rename-based switch would show an
 * empty collection for a moment.
 */

/** Plain JSON only: amounts travel as decimal strings, instants as ISO-8601 strings. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ReadDocument {
  _id: string;
  /** Global position of the event that last changed the document; set by the store on every write. */
  _position?: number;
  [field: string]: JsonValue | undefined;
}

/** A stored document as read back: the store has always set `_position`. */
export type StoredDocument<T extends ReadDocument = ReadDocument> = T & { _position: number };

/**
 * MongoDB query language, the subset both adapters are tested on: equality (also on dotted paths), $in, $nin,
 * $ne, $gt/$gte/$lt/$lte, $exists, $regex with $options, $and, $or.
 */
export type ReadFilter = Record<string, unknown>;

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  /** Add `_id` as the last key when the order must be total: ties have no defined order. */
  sort?: SortSpec;
  skip?: number;
  /** A positive integer; leave it out for no limit. */
  limit?: number;
  /** Inclusion ({ a: 1 }) or exclusion ({ a: 0 }); `_id` is included unless it is excluded. */
  projection?: Record<string, 0 | 1>;
}

/**
 * What a query makes of each document it finds, when that is all it needs of it: a report's row, say. `derive` is
 * pure: its result depends on the document, `key` and `basis` only, and nobody changes it (a store may freeze it).
 */
export interface Derivation<T extends ReadDocument, R> {
  /** Everything else the result depends on, as text (a month, a reference date): one result per key. */
  key: string;
  /** An object the result depends on by identity (a frozen rate table): another object, another result. */
  basis?: object;
  derive(document: StoredDocument<T>): R;
}

export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  /** The name this handle was made with; an alias is resolved again at every call. */
  readonly name: string;
  findOne(filter: ReadFilter): Promise<StoredDocument<T> | null>;
  find(filter: ReadFilter, options?: FindOptions): Promise<StoredDocument<T>[]>;
  /**
   * `derivation.derive` of each document `find` would give (its projection too), in its order. A store may remember a result per stored
   * version of a document and give it again, without reading the document, while that version stands: the embedded
   * store does for the documents it holds, so a warm report does not read their long series again (stored-series.ts).
   */
  findDerived<R>(filter: ReadFilter, options: FindOptions, derivation: Derivation<T, R>): Promise<R[]>;
  count(filter?: ReadFilter): Promise<number>;
}

export type DocumentWrite =
  /** Replaces the whole document (no merge), creating it if needed. */
  | { kind: 'upsert'; collection: string; position: number; document: ReadDocument }
  | { kind: 'delete'; collection: string; position: number; id: string };

export interface ProjectionCheckpoint {
  projection: string;
  /** Global position of the last event the projection has handled. */
  position: number;
}

export interface ReadStoreBatch {
  /**
   * Several writes to one document may appear: the one with the highest position wins (the later one on a tie),
   * so the outcome does not depend on the order in which the backend applies them.
   */
  writes: readonly DocumentWrite[];
  /** Committed after (embedded: with) the writes. It only moves forward: an older position is ignored. */
  checkpoint?: ProjectionCheckpoint;
}

export interface ApplyBatchResult {
  /** Documents created, replaced or deleted. */
  applied: number;
  /** Writes that found the document already at the same or a newer position (a replay), or nothing to delete. */
  skipped: number;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  name?: string;
}

/**
 * A document validator for backends that can check documents themselves (MongoDB). `jsonSchema` is in MongoDB's
 * `$jsonSchema` dialect: JSON Schema draft 4 without `$ref`, `$schema`, `format` or the `integer` type.
 */
export interface CollectionValidator {
  jsonSchema: Record<string, unknown>;
  /** 'strict' checks every insert and update; 'moderate' leaves documents that were already invalid alone. */
  level: 'strict' | 'moderate';
  /** 'error' refuses a violating write; 'warn' lets it land and has the server log the violation. */
  action: 'error' | 'warn';
}

/** What `ensureValidator` achieved: `applied: false` is not an error (the server cannot validate, or refused). */
export type ValidatorOutcome = { applied: true } | { applied: false; reason: string };

export interface SwitchAliasOptions {
  /** Sets this checkpoint (unconditionally) as part of the switch: the live projection resumes where the rebuild stopped. */
  checkpoint?: ProjectionCheckpoint;
}

export interface ReadStoreHealth {
  backend: 'sqlite' | 'mongodb';
  reachable: boolean;
  detail?: string;
}

export interface ReadStore {
  /** Collection names: letters, digits, `_` and `-`, at most 120 characters, not starting with `read_store_`. */
  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T>;

  applyBatch(batch: ReadStoreBatch): Promise<ApplyBatchResult>;

  /** 0 when the projection has never committed a batch (0 means "before the first event"). */
  getCheckpoint(projection: string): Promise<number>;
  deleteCheckpoint(projection: string): Promise<void>;

  /**
   * From now on every read and write of `alias` goes to `target`, atomically for all readers.
   * Returns the collection `alias` served before (the alias name itself if it had no alias), to drop when done.
   * `target` must not itself be an alias; an alias may share its name with a (now hidden) physical collection.
   * For readers outside this port, the MongoDB store also points a view named `alias` at `target` where the
   * server has views (docs/read-models/README.md); a server without them never makes the switch fail.
   */
  switchAlias(alias: string, target: string, options?: SwitchAliasOptions): Promise<{ previous: string }>;
  /** The collection that `name` reads and writes now: its alias target, or `name` itself. */
  resolveAlias(name: string): Promise<string>;
  removeAlias(alias: string): Promise<void>;

  /**
   * Drops the PHYSICAL collection `name` (aliases are not followed, so it can drop a collection hidden by an
   * alias of the same name). Throws CollectionInUseError if an alias points at it. Dropping nothing is fine.
   */
  dropCollection(name: string): Promise<void>;
  /** Physical collections holding documents (embedded) or existing (MongoDB), sorted. */
  listCollections(): Promise<string[]>;
  /** Follows aliases. The embedded store evaluates queries in memory and ignores these (correctness first). */
  ensureIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void>;
  /**
   * Optional: sets the validator of a collection (follows aliases, creates the collection if needed). Throws only
   * when the backend is unreachable; a server that cannot validate documents, or refuses the schema, answers
   * `applied: false`. Backends without it (the embedded store) do not validate.
   */
  ensureValidator?(collection: string, validator: CollectionValidator): Promise<ValidatorOutcome>;

  health(): Promise<ReadStoreHealth>;
  close(): Promise<void>;
}

/** Injection token for Nest: `@Inject(READ_STORE) store: ReadStore`. */
export const READ_STORE = Symbol('READ_STORE');

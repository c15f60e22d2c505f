import { InvalidReadStoreInputError } from './read-store.errors';
import type { DocumentWrite, FindOptions, ProjectionCheckpoint, ReadDocument } from './read-store.port';

// Shared by both adapters so that they accept and refuse exactly the same input.

/** Prefix of the store's own bookkeeping collections (checkpoints, aliases). */
export const RESERVED_PREFIX = 'read_store_';

// Portable across SQLite, MongoDB and FerretDB (which forbids `$`, a leading `.` and its own `_ferretdb_`).
const NAME = /^[A-Za-z0-9_-]{1,120}$/;

export const assertCollectionName = (name: string): void => {
  if (!NAME.test(name) || name.startsWith(RESERVED_PREFIX)) {
    throw new InvalidReadStoreInputError(`Invalid collection name ${JSON.stringify(name)}`);
  }
};

export const assertProjectionName = (name: string): void => {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new InvalidReadStoreInputError(`Invalid projection name ${JSON.stringify(name)}`);
  }
};

export const assertPosition = (position: number): void => {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new InvalidReadStoreInputError(`Invalid position ${String(position)}`);
  }
};

export const assertCheckpoint = (checkpoint: ProjectionCheckpoint): void => {
  assertProjectionName(checkpoint.projection);
  assertPosition(checkpoint.position);
};

const assertId = (id: unknown): void => {
  if (typeof id !== 'string' || id.length === 0) {
    throw new InvalidReadStoreInputError(`Document _id must be a non-empty string, got ${JSON.stringify(id)}`);
  }
};

export const writeId = (write: DocumentWrite): string => (write.kind === 'upsert' ? write.document._id : write.id);

/**
 * Validates the writes and keeps one per document: the highest position, the later one on a tie.
 * MongoDB applies an unordered bulk in any order, so an upsert and a delete of one document must never both be sent.
 */
export const coalesceWrites = (writes: readonly DocumentWrite[]): DocumentWrite[] => {
  const latest = new Map<string, DocumentWrite>();
  for (const write of writes) {
    assertCollectionName(write.collection);
    assertPosition(write.position);
    const id = writeId(write);
    assertId(id);
    const key = `${write.collection}\u0000${id}`;
    const kept = latest.get(key);
    if (kept === undefined || write.position >= kept.position) latest.set(key, write);
  }
  return [...latest.values()];
};

/** The document as stored: `_position` always says which event wrote it last. */
export const storedBody = (document: ReadDocument, position: number): ReadDocument => ({
  ...document,
  _position: position,
});

export const assertFindOptions = (options: FindOptions): void => {
  const { skip, limit } = options;
  if (skip !== undefined && (!Number.isSafeInteger(skip) || skip < 0)) {
    throw new InvalidReadStoreInputError(`Invalid skip ${String(skip)}`);
  }
  // MongoDB reads limit 0 as "no limit" and a negative one as "one batch": both would differ from the embedded store.
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new InvalidReadStoreInputError(`Invalid limit ${String(limit)}: leave it out for no limit`);
  }
};

/** Shared rules for a switch, so both adapters refuse the same chains. */
export const assertAliasable = (
  alias: string,
  target: string,
  targetIsAlias: boolean,
  aliasIsTarget: boolean,
): void => {
  if (alias === target) throw new InvalidReadStoreInputError(`Alias ${alias} cannot point at itself`);
  // One level only: a reader resolves one hop, so a chain would read a hidden collection.
  if (targetIsAlias) throw new InvalidReadStoreInputError(`Target ${target} is itself an alias`);
  if (aliasIsTarget) throw new InvalidReadStoreInputError(`${alias} is the target of another alias`);
};

import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { storedBody } from '../read-store-input';
import type { DocumentWrite, ReadDocument } from '../read-store.port';

export const DUPLICATE_KEY = 11000;

/**
 * One conditional write per document. There are no multi-document transactions on FerretDB, so idempotency
 * comes from `_position`: the replace only matches a stored document that is older (or was never stamped).
 * When a NEWER document is stored the filter matches nothing, the upsert tries to insert the same `_id` and
 * fails with a duplicate key: that failure means "already applied" and is counted as skipped.
 */
export const toBulkOperation = (write: DocumentWrite): AnyBulkWriteOperation<ReadDocument> => {
  const unstamped = { _position: { $exists: false } };
  if (write.kind === 'upsert') {
    const body = storedBody(write.document, write.position);
    return {
      replaceOne: {
        filter: { _id: body._id, $or: [{ _position: { $lt: write.position } }, unstamped] },
        replacement: body,
        upsert: true,
      },
    };
  }
  // <=, not <: a delete at the position that wrote the document is the same event replayed, or its deletion.
  return { deleteOne: { filter: { _id: write.id, $or: [{ _position: { $lte: write.position } }, unstamped] } } };
};

const asArray = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);

/** Writes one collection's share of a batch unordered (the order cannot matter: one write per document). */
export const bulkApply = async (collection: Collection<ReadDocument>, writes: readonly DocumentWrite[]): Promise<number> => {
  try {
    const result = await collection.bulkWrite(writes.map(toBulkOperation), { ordered: false });
    return result.upsertedCount + result.matchedCount + result.deletedCount;
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const real = asArray(error.writeErrors).filter((writeError) => writeError.code !== DUPLICATE_KEY);
    if (real.length > 0 || error.err !== undefined) throw error;
    // Every failure was a newer document already in place; the other writes went through.
    return error.result.upsertedCount + error.result.matchedCount + error.result.deletedCount;
  }
};

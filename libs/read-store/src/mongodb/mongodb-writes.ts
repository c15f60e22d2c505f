import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { storedBody, writeId } from '../read-store-input';
import type { DocumentWrite, ReadDocument } from '../read-store.port';

export const DUPLICATE_KEY = 11000;

/**
 * FerretDB 1.x (SQLite) keeps every matched document's cursor, and its pooled connection, open until the whole
 * `update` command ends; with 100 pooled connections a command of about 100 matching statements deadlocks the
 * server for good. So conditional writes go in small commands, one at a time. MongoDB does not care.
 */
export const UPDATE_CHUNK = 25;
const READ_CHUNK = 1000;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The conditional write: the replace only matches a stored document that is older (or was never stamped).
 * When a NEWER one is stored the filter matches nothing, the upsert tries to insert the same `_id` and fails
 * with a duplicate key: that failure means "already applied" and is counted as skipped.
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

const writeErrorsOf = (error: MongoBulkWriteError) =>
  Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];

const guardedWrite = async (
  collection: Collection<ReadDocument>,
  writes: readonly DocumentWrite[],
): Promise<number> => {
  let applied = 0;
  for (const chunk of chunks(writes, UPDATE_CHUNK)) {
    try {
      const result = await collection.bulkWrite(chunk.map(toBulkOperation), { ordered: false });
      applied += result.upsertedCount + result.matchedCount + result.deletedCount;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError) || error.err !== undefined) throw error;
      if (writeErrorsOf(error).some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
      // Every failure was a newer document already in place; the other writes went through.
      applied += error.result.upsertedCount + error.result.matchedCount + error.result.deletedCount;
    }
  }
  return applied;
};

/** Inserts documents that were absent; any that appeared meanwhile come back to go through the guarded path. */
const insertAbsent = async (
  collection: Collection<ReadDocument>,
  writes: readonly (DocumentWrite & { kind: 'upsert' })[],
): Promise<{ applied: number; raced: DocumentWrite[] }> => {
  if (writes.length === 0) return { applied: 0, raced: [] };
  try {
    const result = await collection.insertMany(
      writes.map((w) => storedBody(w.document, w.position)),
      { ordered: false },
    );
    return { applied: result.insertedCount, raced: [] };
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError) || error.err !== undefined) throw error;
    const failures = writeErrorsOf(error);
    if (failures.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
    return { applied: error.result.insertedCount, raced: failures.map((failure) => writes[failure.index]!) };
  }
};

/**
 * Writes one collection's share of a batch (one write per document) and returns how many documents changed.
 * A read of the stored positions first sorts the writes: already applied (skipped without a round trip),
 * absent (one insertMany: a rebuild is almost all inserts, and FerretDB inserts fast but updates slowly) and
 * older (the guarded replace or delete). Correctness never rests on that read: inserts fail on an existing
 * `_id` and the guarded writes re-check `_position` in the server.
 */
export const writeCollection = async (
  collection: Collection<ReadDocument>,
  writes: readonly DocumentWrite[],
): Promise<number> => {
  const stored = new Map<string, number | undefined>();
  for (const ids of chunks(writes.map(writeId), READ_CHUNK)) {
    const found = await collection.find({ _id: { $in: ids } }, { projection: { _position: 1 } }).toArray();
    for (const document of found) stored.set(document._id, document._position);
  }
  const absent: (DocumentWrite & { kind: 'upsert' })[] = [];
  const older: DocumentWrite[] = [];
  for (const write of writes) {
    const id = writeId(write);
    if (!stored.has(id)) {
      if (write.kind === 'upsert') absent.push(write);
      continue;
    }
    const position = stored.get(id);
    const applied =
      position !== undefined && (write.kind === 'upsert' ? position >= write.position : position > write.position);
    if (!applied) older.push(write);
  }
  const inserted = await insertAbsent(collection, absent);
  return inserted.applied + (await guardedWrite(collection, [...older, ...inserted.raced]));
};

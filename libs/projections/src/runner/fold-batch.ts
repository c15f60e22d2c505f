import type { RecordedEvent } from '@itp/event-store';
import type { DocumentWrite, ReadDocument, ReadStore } from '@itp/read-store';
import type { Projection } from '../projection';
import { ProjectionEvolveError } from './projection-status';

interface Folded {
  document: ReadDocument | null;
  /** Position of the last event folded into `document` (its stored `_position` when loaded). */
  position: number;
  existed: boolean;
  changed: boolean;
}

/**
 * Folds one batch of the log into the documents of one projection and returns the writes, without writing.
 *
 * - Events at or below `after` (the projection's checkpoint) and unhandled types are skipped.
 * - The touched documents are loaded in ONE query, and an event is skipped for a document whose `_position`
 *   is at or beyond it: that event is already in the document (a replay after a crash or a lower checkpoint).
 * - Several events on one document fold in log order through an in-memory cache, so the batch writes each
 *   document once, with the position of the last event that changed it.
 * - `collection` is where documents are read and written: the alias for the live model, a physical
 *   collection for a rebuild.
 */
export async function foldBatch(
  readStore: ReadStore,
  projection: Projection,
  collection: string,
  events: readonly RecordedEvent[],
  after: number,
): Promise<DocumentWrite[]> {
  const relevant: { event: RecordedEvent; ids: string[] }[] = [];
  const ids = new Set<string>();
  for (const event of events) {
    if (event.position <= after || !projection.handles.has(event.type)) continue;
    const touched = documentIdsOf(projection, event);
    if (touched.length === 0) continue;
    relevant.push({ event, ids: touched });
    for (const id of touched) ids.add(id);
  }
  if (relevant.length === 0) return [];

  const cache = new Map<string, Folded>();
  const stored = await readStore.collection(collection).find({ _id: { $in: [...ids] } });
  for (const document of stored) {
    cache.set(document._id, { document, position: document._position, existed: true, changed: false });
  }

  for (const { event, ids: touched } of relevant) {
    for (const id of touched) {
      let folded = cache.get(id);
      if (folded === undefined) cache.set(id, (folded = { document: null, position: 0, existed: false, changed: false }));
      if (event.position <= folded.position) continue;
      folded.document = evolveOne(projection, folded.document, event, id);
      folded.position = event.position;
      folded.changed = true;
    }
  }

  const writes: DocumentWrite[] = [];
  for (const [id, folded] of cache) {
    if (!folded.changed) continue;
    if (folded.document !== null) {
      writes.push({ kind: 'upsert', collection, position: folded.position, document: folded.document });
    } else if (folded.existed) {
      writes.push({ kind: 'delete', collection, position: folded.position, id });
    }
  }
  return writes;
}

const failure = (projection: Projection, event: RecordedEvent, error: unknown): ProjectionEvolveError =>
  new ProjectionEvolveError(projection.name, {
    position: event.position,
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    error: error instanceof Error ? error.message : String(error),
    at: new Date().toISOString(),
  }, error);

// documentIds is projection code too: its failure stops the projection like an evolve failure does.
const documentIdsOf = (projection: Projection, event: RecordedEvent): string[] => {
  try {
    return projection.documentIds(event);
  } catch (error) {
    throw failure(projection, event, error);
  }
};

const evolveOne = (projection: Projection, document: ReadDocument | null, event: RecordedEvent, id: string): ReadDocument | null => {
  let next: ReadDocument | null;
  try {
    next = projection.evolve(document, event);
  } catch (error) {
    throw failure(projection, event, error);
  }
  // A document filed under another id would be lost to the next load: a bug in the projection, reported as such.
  if (next !== null && next._id !== id) {
    throw failure(projection, event, new Error(`evolve returned a document with _id ${JSON.stringify(next._id)} for document ${JSON.stringify(id)}`));
  }
  return next;
};

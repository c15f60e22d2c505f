import type { RecordedEvent } from '@itp/event-store';
import type { ReadDocument, StoredDocument } from '@itp/read-store';
import type { Projection } from '../projection';

export type Documents<Doc extends ReadDocument> = Map<string, StoredDocument<Doc>>;

/**
 * Folds events into documents the way the runner and the store do: only handled types, only the documents
 * `documentIds` names, and an event at or below a document's `_position` is skipped (already folded in).
 * Mutates and returns `documents`, so a spec can fold more events into the same state.
 */
export const foldInto = <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  documents: Documents<Doc>,
  events: readonly RecordedEvent[],
): Documents<Doc> => {
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    for (const id of projection.documentIds(event)) {
      const current = documents.get(id) ?? null;
      if (current !== null && event.position <= current._position) continue;
      const next = projection.evolve(current, event);
      if (next === null) {
        documents.delete(id);
        continue;
      }
      if (next._id !== id) throw new Error(`${projection.name} answered document ${next._id} for ${id}`);
      documents.set(id, { ...next, _position: event.position });
    }
  }
  return documents;
};

/** The documents after folding `events` from nothing, sorted by id. */
export const fold = <Doc extends ReadDocument>(projection: Projection<Doc>, events: readonly RecordedEvent[]): StoredDocument<Doc>[] =>
  sorted(foldInto(projection, new Map(), events));

/** Every event delivered twice in a row (a redelivered batch): must give the same documents as `fold`. */
export const foldEachTwice = <Doc extends ReadDocument>(projection: Projection<Doc>, events: readonly RecordedEvent[]): StoredDocument<Doc>[] =>
  fold(projection, events.flatMap((event) => [event, event]));

/** The whole sequence, then the whole sequence again (a runner restarted from an old checkpoint). */
export const foldSequenceTwice = <Doc extends ReadDocument>(projection: Projection<Doc>, events: readonly RecordedEvent[]): StoredDocument<Doc>[] =>
  sorted(foldInto(projection, foldInto(projection, new Map(), events), events));

const sorted = <Doc extends ReadDocument>(documents: Documents<Doc>): StoredDocument<Doc>[] =>
  [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));

/** The three folds of a replay check, for `expect(replays.eachTwice).toEqual(replays.once)`. */
export const replays = <Doc extends ReadDocument>(projection: Projection<Doc>, events: readonly RecordedEvent[]) => ({
  once: fold(projection, events),
  eachTwice: foldEachTwice(projection, events),
  sequenceTwice: foldSequenceTwice(projection, events),
});

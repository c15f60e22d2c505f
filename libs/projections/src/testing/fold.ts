import type { RecordedEvent } from '@itp/event-store';
import { EmbeddedReadStore, type ReadDocument, type StoredDocument } from '@itp/read-store';
import type { Projection } from '../projection';
import { advanceSlot } from '../runner/advance-slot';
import type { LogBatch } from '../runner/log-batches';
import { newSlot, type ProjectionSlot } from '../runner/projection-slot';
import { DEFAULT_CATCH_UP_COMMIT } from '../shared/catch-up-commit';
import { ProjectionEvolveError, silentLogger } from '../shared/projection-status';

/** One delivery of the log to the runner, and the checkpoint the runner believes it has when it arrives. */
interface Delivery {
  events: readonly RecordedEvent[];
  /** The checkpoint as it was before an earlier commit: the same events come again (a replay). */
  rewindTo?: number;
}

/**
 * Folds deliveries of the log through the runner's own code: `advanceSlot` (a PendingFold per batch, its writes
 * and the checkpoint committed with `applyBatch`) into an in-memory embedded read store, then reads the
 * documents back from the store, sorted by id. Replays go through the same `_position` guards as in production.
 */
const foldDeliveries = async <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  deliveries: readonly Delivery[],
): Promise<StoredDocument<Doc>[]> => {
  const readStore = new EmbeddedReadStore({ filePath: ':memory:' });
  try {
    const slot: ProjectionSlot = newSlot(projection as Projection);
    for (const { events, rewindTo } of deliveries) {
      if (events.length === 0) continue;
      if (rewindTo !== undefined) slot.checkpoint = rewindTo;
      const batch: LogBatch = { events: [...events], position: events[events.length - 1].position, live: true };
      await advanceSlot(readStore, slot, batch, silentLogger, DEFAULT_CATCH_UP_COMMIT);
      if (slot.state === 'stopped') throw new ProjectionEvolveError(projection.name, slot.lastError!, undefined);
    }
    return await readStore.collection<Doc>(projection.collection).find({}, { sort: { _id: 1 } });
  } finally {
    await readStore.close();
  }
};

/** The documents after folding `events` from nothing in one batch, sorted by id. */
export const fold = <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
): Promise<StoredDocument<Doc>[]> => foldDeliveries(projection, [{ events }]);

/**
 * Every event delivered twice, in batches that overlap by one: each batch brings the previous event again with
 * the next one, the checkpoint rewound to before the previous event (its commit lost, as when MongoDB kept a
 * batch's documents but not its checkpoint). A document touched by both is written at the new event's position,
 * so the store's guard cannot hide a fold that folds the old event twice. Must give the same documents as `fold`.
 */
export const foldEachTwice = <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
): Promise<StoredDocument<Doc>[]> => {
  const before = (i: number): number => (i <= 0 ? 0 : events[i - 1].position);
  const deliveries: Delivery[] = events.map((_, i) => ({
    events: events.slice(Math.max(0, i - 1), i + 1),
    rewindTo: before(i - 1),
  }));
  if (events.length > 0) deliveries.push({ events: events.slice(-1), rewindTo: before(events.length - 1) });
  return foldDeliveries(projection, deliveries);
};

/** The whole sequence, then the whole sequence again from checkpoint 0 (a runner restarted from an old checkpoint). */
export const foldSequenceTwice = <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
): Promise<StoredDocument<Doc>[]> => foldDeliveries(projection, [{ events }, { events, rewindTo: 0 }]);

/** The three folds of a replay check, for `expect(replayed.eachTwice).toEqual(replayed.once)`. */
export const replays = async <Doc extends ReadDocument>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
) => ({
  once: await fold(projection, events),
  eachTwice: await foldEachTwice(projection, events),
  sequenceTwice: await foldSequenceTwice(projection, events),
});

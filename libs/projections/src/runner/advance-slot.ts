import type { ReadStore } from '@itp/read-store';
import type { CatchUpCommit } from '../shared/catch-up-commit';
import { prepareLiveCollection } from '../rebuild/collection-setup';
import { PendingFold } from '../shared/pending-fold';
import { ProjectionEvolveError, type RunnerLogger } from '../shared/projection-status';
import type { LogBatch } from './log-batches';
import type { ProjectionSlot } from './projection-slot';

/**
 * Folds one batch of the log into one projection, and commits the folded documents with the checkpoint (which
 * passes unhandled events too) when live or when the catch-up window is full. A failing fold STOPS the
 * projection, with the failing event kept; everything before that event is committed, so the checkpoint is just
 * before it. Any other error (a backend) is thrown, and what was not committed is dropped: the runner reads
 * again from the committed checkpoints.
 */
export async function advanceSlot(
  readStore: ReadStore,
  slot: ProjectionSlot,
  batch: LogBatch,
  logger: RunnerLogger,
  window: CatchUpCommit,
): Promise<void> {
  if (!slot.following) return;
  const { projection } = slot;
  // Before the first batch the runner hands it (the caught-up marker at the latest): the collection readers use.
  if (!slot.prepared) {
    await prepareLiveCollection(readStore, projection, logger);
    slot.prepared = true;
  }
  if (batch.position <= slot.checkpoint) return;
  const pending = (slot.pending ??= new PendingFold(readStore, projection, projection.collection));
  try {
    await pending.add(batch.events, slot.checkpoint);
  } catch (error) {
    if (!(error instanceof ProjectionEvolveError)) {
      slot.pending = null;
      throw error;
    }
    await commit(readStore, slot, error.failure.position - 1).catch(() => undefined);
    Object.assign(slot, { state: 'stopped', following: false, lastError: error.failure, pending: null });
    logger.error(
      `${error.message}. Projection ${projection.name} is STOPPED at position ${slot.checkpoint}; fix it and rebuild it.`,
    );
    return;
  }
  if (batch.live || pending.events >= window.events || pending.documents >= window.documents) {
    await commit(readStore, slot, batch.position);
    // The documents just written stay parsed for the next window: a live model keeps its hot documents.
    slot.pending = pending.carryOver(batch.live ? LIVE_CARRY_DOCUMENTS : window.documents);
  }
}

/** Documents a live projection keeps parsed between commits (bounded: the api serves queries beside it). */
const LIVE_CARRY_DOCUMENTS = 1_000;

async function commit(readStore: ReadStore, slot: ProjectionSlot, position: number): Promise<void> {
  const writes = slot.pending?.writes() ?? [];
  slot.pending = null;
  if (position <= slot.checkpoint) return;
  await readStore.applyBatch({ writes, checkpoint: { projection: slot.projection.name, position } });
  slot.checkpoint = position;
}

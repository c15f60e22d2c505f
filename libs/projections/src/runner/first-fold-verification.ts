import { REBUILD_HALTED, RebuildVerifier, type NotaryStore, type RebuildIntegrityError } from '@itp/event-store/notary';
import type { ProjectionFailure } from '../shared/projection-status';
import type { LogBatch } from './log-batches';

/**
 * The first fold of an empty read store (a first start on an existing log, a restore with the read models deleted)
 * is a rebuild in all but name: it verifies the log as it reads it, as rebuilds do (ADR 0008), until the runner has
 * caught up. A batch is checked before any projection folds it; a reader that starts again after a failure
 * re-reads from the committed checkpoints, so events already checked are skipped (the verifier sees each once, in
 * position order).
 */
export class FirstFoldVerification {
  private readonly verifier: RebuildVerifier;
  private verifiedThrough = 0;

  constructor(notary?: NotaryStore) {
    this.verifier = new RebuildVerifier(notary);
  }

  /** Throws RebuildIntegrityError at the first event that does not hold. */
  async check(batch: LogBatch): Promise<void> {
    const unchecked = batch.events.filter((event) => event.position > this.verifiedThrough);
    if (unchecked.length === 0) return;
    await this.verifier.checkBatch(unchecked);
    this.verifiedThrough = unchecked[unchecked.length - 1].position;
  }
}

/** What a projection's status shows when the first fold halted on a break. */
export const firstFoldHalted = (error: RebuildIntegrityError): ProjectionFailure => ({
  position: error.found.position,
  eventId: error.found.eventId ?? '',
  eventType: error.found.eventType ?? '',
  streamId: error.found.streamId ?? '',
  error: `${REBUILD_HALTED} (the first fold of an empty read store), nothing of the batch ingested: ${error.message}`,
  at: new Date().toISOString(),
});

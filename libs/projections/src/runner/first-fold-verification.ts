import type { EventStore, RecordedEvent } from '@itp/event-store';
import { REBUILD_HALTED, RebuildIntegrityError, RebuildVerifier, type NotaryStore } from '@itp/event-store/notary';
import type { ProjectionFailure } from '../shared/projection-status';
import type { LogBatch } from './log-batches';

/** Events re-read per batch when the verification has to start again (see `again`). */
const RECHECK_PAGE = 1_000;

/**
 * The first fold of an empty read store (a first start on an existing log, a restore with the read models deleted)
 * is a rebuild in all but name: it verifies the log as it reads it, as rebuilds do (ADR 0008), until the runner has
 * caught up. A batch is checked before any projection folds it; a reader that starts again after a failure
 * re-reads from the committed checkpoints, so events already checked are skipped (the verifier sees each once, in
 * position order).
 *
 * A check that fails for another reason than a break (a read of the notary's store failing) leaves the verifier
 * part-way through its batch: its streams have moved on while the batch is not verified, and the same batch fed
 * again would read as a break. The next check then starts a new verifier and verifies the log again from its start
 * up to where the old one had got, before the batch.
 */
export class FirstFoldVerification {
  private verifier: RebuildVerifier;
  private verifiedThrough = 0;
  private partWay = false;

  constructor(
    private readonly notary: NotaryStore | undefined,
    private readonly log: EventStore,
  ) {
    this.verifier = new RebuildVerifier(notary);
  }

  /** Throws RebuildIntegrityError at the first event that does not hold. */
  async check(batch: LogBatch): Promise<void> {
    const unchecked = batch.events.filter((event) => event.position > this.verifiedThrough);
    if (unchecked.length === 0) return;
    if (this.partWay) await this.again();
    try {
      await this.verifier.checkBatch(unchecked);
    } catch (error) {
      if (!(error instanceof RebuildIntegrityError)) this.partWay = true;
      throw error;
    }
    this.verifiedThrough = unchecked[unchecked.length - 1].position;
  }

  /** A new verifier, fed the log from its start up to what the old one had verified. */
  private async again(): Promise<void> {
    this.verifier = new RebuildVerifier(this.notary);
    let page: RecordedEvent[] = [];
    for await (const event of this.log.readAll({ toPosition: this.verifiedThrough })) {
      page.push(event);
      if (page.length === RECHECK_PAGE) {
        await this.verifier.checkBatch(page);
        page = [];
      }
    }
    if (page.length > 0) await this.verifier.checkBatch(page);
    this.partWay = false;
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

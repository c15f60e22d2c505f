import type { EventStore, RecordedEvent } from '@itp/event-store';
import { RebuildVerifier, type NotaryStore } from '@itp/event-store/notary';
import { CollectionInUseError, type ReadStore } from '@itp/read-store';
import type { Projection } from '../projection';
import type { CatchUpCommit } from '../shared/catch-up-commit';
import { PendingFold } from '../shared/pending-fold';
import type { RebuildStatus, RunnerLogger } from '../shared/projection-status';
import { parsePhysical, rebuildCheckpointKey, rebuildTarget } from './collection-names';
import { prepareCollection } from './collection-setup';

export interface RebuildOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  projection: Projection;
  reason: RebuildStatus['reason'];
  batchSize: number;
  /** A rebuild is all catch-up: it commits when this window is full. */
  catchUpCommit: CatchUpCommit;
  logger: RunnerLogger;
  signal: AbortSignal;
  /**
   * Verify the log as it is read (ADR 0008): every batch's events against their streams' hash chains and, with
   * a notary store, against the global chain it recorded, before the batch is folded. On a break the rebuild
   * throws RebuildIntegrityError: nothing of that batch is written and readers keep the model they have.
   * Absent: no verification (fixtures whose events carry no chain).
   */
  verify?: { notary?: NotaryStore };
}

/** The rebuild stops reading ahead once this close to the head; the rest is caught up during the switch. */
const CLOSE_ENOUGH = 1000;

/**
 * Builds one projection from the start of the log into a fresh physical collection beside the one readers use,
 * under its own checkpoint key. Readers keep the old model until `switchOver`, which points the alias at the
 * new collection and sets the live checkpoint in one step, then drops the old collection.
 */
export class ProjectionRebuild {
  /** Checks the log from its first event as the rebuild reads it (a rebuild always starts at position 0). */
  private readonly verifier: RebuildVerifier | undefined;

  private constructor(
    private readonly options: RebuildOptions,
    readonly status: RebuildStatus,
    private readonly checkpointKey: string,
  ) {
    this.verifier = options.verify ? new RebuildVerifier(options.verify.notary) : undefined;
  }

  /**
   * Chooses the target, clears what an interrupted rebuild may have left, gives the empty target its indexes
   * and validator (so it is complete when readers are switched to it), and starts from position 0.
   */
  static async prepare(options: RebuildOptions): Promise<ProjectionRebuild> {
    const { readStore, projection } = options;
    const current = await readStore.resolveAlias(projection.collection);
    const target = rebuildTarget(projection, current);
    for (const leftover of await readStore.listCollections()) {
      if (leftover === current || parsePhysical(projection.collection, leftover) === undefined) continue;
      await readStore.dropCollection(leftover).catch((error: unknown) => {
        if (!(error instanceof CollectionInUseError)) throw error;
      });
    }
    const { validator } = await prepareCollection(readStore, projection, target);
    if (validator !== undefined && !validator.applied)
      options.logger.log(`${target}: no document validator (${validator.reason})`);
    const checkpointKey = rebuildCheckpointKey(projection);
    await readStore.deleteCheckpoint(checkpointKey);
    const status: RebuildStatus = { target, position: 0, reason: options.reason, startedAt: new Date().toISOString() };
    options.logger.log(
      `Rebuilding ${projection.name} v${projection.version} into ${target} beside ${current} (${options.reason})`,
    );
    return new ProjectionRebuild(options, status, checkpointKey);
  }

  /** Folds the log into the target until it is close to the head; the live projection keeps running meanwhile. */
  async build(): Promise<void> {
    const started = Date.now();
    for (;;) {
      const head = await this.options.eventStore.headPosition();
      if (head - this.status.position <= CLOSE_ENOUGH || this.options.signal.aborted) break;
      await this.applyUpTo(head);
    }
    const seconds = (Date.now() - started) / 1000;
    this.options.logger.log(
      `Rebuild of ${this.options.projection.name} reached position ${this.status.position} in ${seconds.toFixed(1)} s`,
    );
  }

  /**
   * Call while the live projection is paused at `livePosition`: catches the target up to it, then switches
   * readers and the live checkpoint over at once. Returns the checkpoint the live projection resumes from.
   */
  async switchOver(livePosition: number): Promise<number> {
    const { readStore, projection } = this.options;
    if (livePosition > this.status.position) await this.applyUpTo(livePosition);
    this.assertNotAborted();
    const position = Math.max(livePosition, this.status.position);
    const { previous } = await readStore.switchAlias(projection.collection, this.status.target, {
      checkpoint: { projection: projection.name, position },
    });
    if (previous !== projection.collection && previous !== this.status.target) {
      // Readers have moved on: a failed drop only leaves garbage, which the next rebuild clears.
      await readStore
        .dropCollection(previous)
        .catch((error: unknown) => this.options.logger.warn(`Could not drop ${previous}: ${String(error)}`));
    }
    await readStore.deleteCheckpoint(this.checkpointKey);
    this.options.logger.log(
      `Switched ${projection.collection} from ${previous} to ${this.status.target} at position ${position}`,
    );
    return position;
  }

  /** After a failure or a stop: the half-built collection is never shown to anyone, so it goes. */
  async abandon(): Promise<void> {
    const { readStore } = this.options;
    await readStore.deleteCheckpoint(this.checkpointKey);
    if ((await readStore.resolveAlias(this.options.projection.collection)) !== this.status.target) {
      await readStore.dropCollection(this.status.target);
    }
  }

  private async applyUpTo(toPosition: number): Promise<void> {
    const { eventStore, readStore, projection, batchSize, catchUpCommit } = this.options;
    let pending = new PendingFold(readStore, projection, this.status.target);
    let folded = this.status.position;
    let page: RecordedEvent[] = [];
    const fold = async (): Promise<void> => {
      this.assertNotAborted();
      // Before anything of the batch is folded: a break halts the rebuild here (RebuildIntegrityError).
      await this.verifier?.checkBatch(page);
      await pending.add(page, this.status.position);
      folded = page[page.length - 1].position;
      page = [];
      if (pending.events < catchUpCommit.events && pending.documents < catchUpCommit.documents) return;
      await this.commit(pending, folded);
      pending = pending.carryOver(catchUpCommit.documents);
    };
    for await (const event of eventStore.readAll({ fromPosition: this.status.position, toPosition })) {
      page.push(event);
      if (page.length >= batchSize) await fold();
    }
    if (page.length > 0) await fold();
    // Positions may have gaps (a rolled-back append): the range is done even if its last event is below it.
    await this.commit(pending, Math.max(folded, toPosition));
  }

  private async commit(pending: PendingFold, position: number): Promise<void> {
    if (position <= this.status.position) return;
    await this.options.readStore.applyBatch({
      writes: pending.writes(),
      checkpoint: { projection: this.checkpointKey, position },
    });
    this.status.position = position;
  }

  private assertNotAborted(): void {
    if (this.options.signal.aborted) throw new Error(`Rebuild of ${this.options.projection.name} stopped`);
  }
}

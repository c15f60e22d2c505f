import type { EventStore } from '@itp/event-store';
import { REBUILD_HALTED, RebuildIntegrityError, type NotaryStore } from '@itp/event-store/notary';
import type { ReadStore } from '@itp/read-store';
import { ProjectionRebuild } from '../rebuild/projection-rebuild';
import type { CatchUpCommit } from '../shared/catch-up-commit';
import { pause } from '../shared/pause';
import { ProjectionEvolveError, type RebuildStatus, type RunnerLogger } from '../shared/projection-status';
import type { ProjectionSlot } from './projection-slot';

/** What a rebuild needs from the live runner. */
export interface RebuildHost {
  /** Every event up to here has been handed to the live projections. */
  readonly readerPosition: number;
  /** The live reader has caught up with the log at least once. */
  readonly live: boolean;
  /** Runs `work` between two live batches. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** A projection's state or checkpoint changed: wake whoever waits on it. */
  changed(): void;
}

export interface RebuildCoordinatorOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  batchSize: number;
  catchUpCommit: CatchUpCommit;
  logger: RunnerLogger;
  signal: AbortSignal;
  retryDelayMs: number;
  /** Verify the log as every rebuild reads it, halting on a break (see RebuildOptions.verify). */
  verify?: { notary?: NotaryStore };
}

/**
 * Runs rebuilds for the live runner: build beside the live collection (the live projection keeps folding
 * meanwhile when it can), then, between two live batches, catch up to the live reader's position and switch.
 * A model of another version cannot take live events, so after a version change the projection waits
 * (readers keep the old version) until the switch. A backend failure restarts the rebuild after a pause; a
 * failing fold ends it, with the event named, and leaves the live model as it was. So does a log that does not
 * verify (with `verify`): the rebuild halts before the batch that breaks, names the break (stream and revision,
 * or position) in the projection's lastError and the log, and is not retried (no retry can mend the history).
 */
export class RebuildCoordinator {
  constructor(
    private readonly host: RebuildHost,
    private readonly options: RebuildCoordinatorOptions,
  ) {}

  /** Resolves once the rebuild is prepared (its errors surface here); `completion` settles when it ends. */
  async start(slot: ProjectionSlot, reason: RebuildStatus['reason']): Promise<{ completion: Promise<boolean> }> {
    if (slot.rebuilding !== null) return { completion: slot.rebuilding };
    let prepared!: (error?: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      prepared = (error) => (error === undefined ? resolve() : reject(error));
    });
    const completion = this.run(slot, reason, prepared);
    slot.rebuilding = completion;
    await ready;
    // Wrapped: an async function returning the bare promise would make its callers wait for the whole rebuild.
    return { completion };
  }

  private async run(
    slot: ProjectionSlot,
    reason: RebuildStatus['reason'],
    prepared: (error?: unknown) => void,
  ): Promise<boolean> {
    const { signal, logger } = this.options;
    const name = slot.projection.name;
    slot.following = slot.following && reason === 'requested';
    slot.state = 'rebuilding';
    this.host.changed();
    let first = true;
    try {
      for (;;) {
        let rebuild: ProjectionRebuild | undefined;
        try {
          rebuild = await ProjectionRebuild.prepare({ ...this.options, projection: slot.projection, reason });
          slot.rebuild = rebuild;
          if (first) prepared();
          first = false;
          await rebuild.build();
          const built = rebuild;
          await this.host.exclusive(async () => {
            const position = await built.switchOver(this.host.readerPosition);
            // What the live projection folded but did not commit was for the collection readers just left.
            Object.assign(slot, {
              checkpoint: position,
              physical: built.status.target,
              following: true,
              lastError: null,
              pending: null,
            });
          });
          return true;
        } catch (error) {
          await rebuild
            ?.abandon()
            .catch((cleanup: unknown) =>
              logger.warn(`Rebuild of ${name}: could not drop ${rebuild?.status.target}: ${String(cleanup)}`),
            );
          if (first) {
            prepared(error);
            return false;
          }
          if (signal.aborted) return false;
          if (error instanceof RebuildIntegrityError) {
            const at = rebuild?.status.position ?? 0;
            slot.lastError = {
              position: error.found.position,
              eventId: error.found.eventId ?? '',
              eventType: error.found.eventType ?? '',
              streamId: error.found.streamId ?? '',
              error: `${REBUILD_HALTED}, nothing of the batch ingested: ${error.message}`,
              at: new Date().toISOString(),
            };
            logger.error(
              `Rebuild of ${name} halted at position ${at}: ${error.message}. Nothing of the batch was ingested; readers keep ${slot.physical}.`,
            );
            return false;
          }
          if (error instanceof ProjectionEvolveError) {
            slot.lastError = error.failure;
            logger.error(`Rebuild of ${name} failed: ${error.message}. Readers keep ${slot.physical}.`);
            return false;
          }
          logger.error(
            `Rebuild of ${name}: ${error instanceof Error ? error.message : String(error)}; starting it again in ${this.options.retryDelayMs} ms`,
          );
          await pause(this.options.retryDelayMs, signal);
          if (signal.aborted) return false;
        }
      }
    } finally {
      slot.rebuild = null;
      slot.rebuilding = null;
      slot.state = !slot.following
        ? 'stopped'
        : this.host.live && slot.checkpoint >= this.host.readerPosition
          ? 'live'
          : 'catching-up';
      this.host.changed();
    }
  }
}

import type { EventStore } from '@itp/event-store';
import { RebuildIntegrityError, type NotaryStore } from '@itp/event-store/notary';
import type { ReadStore } from '@itp/read-store';
import { physicalCollection, type Projection } from '../projection';
import { parsePhysical } from '../rebuild/collection-names';
import { DEFAULT_CATCH_UP_COMMIT, type CatchUpCommit } from '../shared/catch-up-commit';
import { pause } from '../shared/pause';
import { silentLogger, type ProjectionStatus, type RunnerLogger } from '../shared/projection-status';
import { advanceSlot } from './advance-slot';
import { firstFoldHalted, FirstFoldVerification } from './first-fold-verification';
import { logBatches, type LogBatch } from './log-batches';
import { PositionWaiters } from './position-waiters';
import { newSlot, slotStatus, UnknownProjectionError, type ProjectionSlot } from './projection-slot';
import { RebuildCoordinator, type RebuildHost } from './rebuild-coordinator';

/** The longest wait between two attempts to read the log again while the event store stays away. */
const MAX_RETRY_DELAY_MS = 5_000;

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: readonly Projection[];
  /** Events read per batch, and at most per commit once live (default 1000). */
  batchSize?: number;
  /** While catching up, commit after this many events or documents held in memory per projection. */
  catchUpCommit?: CatchUpCommit;
  logger?: RunnerLogger;
  /** First pause before reading again after the event store or read store failed (doubles while it fails). */
  retryDelayMs?: number;
  idleBackoffMs?: number;
  /** Once live, how long a batch gathers events after its first (see logBatches); default 0. */
  liveWindowMs?: number;
  /**
   * Rebuilds verify the log as they read it (streams' chains; the global chain with the notary's store) and halt
   * on a break, readers keeping their model (ADR 0008); so does the first fold of an empty read store, which
   * stops every projection before the batch that breaks. Absent: neither verifies.
   */
  verifyRebuilds?: { notary?: NotaryStore };
}

/**
 * Keeps projections up to date from the global log: ONE subscription from the lowest checkpoint feeds every
 * projection (each skips what is at or below its own checkpoint), batch by batch, each batch committed per
 * projection with its checkpoint. Never the in-process event bus: the log is the only source.
 *
 * A projection whose fold throws is stopped with the failing event kept in its status; the others go on.
 * A failing backend is retried from the committed checkpoints, which the `_position` guard makes harmless.
 * One runner per read store: two runners would race on rebuild switches.
 */
export class ProjectionRunner implements RebuildHost {
  private readonly slots = new Map<string, ProjectionSlot>();
  private readonly waiters = new PositionWaiters();
  private readonly controller = new AbortController();
  private readonly rebuilds: RebuildCoordinator;
  private readonly logger: RunnerLogger;
  private lock: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private head = 0;
  /** Batches delivered by the current subscription: any means the store was back, so retries start small again. */
  private batchesSinceStart = 0;
  /** Set while the first fold of an empty read store verifies the log it reads (until caught up). */
  private firstFold: FirstFoldVerification | undefined;
  /** The first fold met a break: every projection is stopped and the log is not read any further. */
  private halted = false;
  /** Every event up to here has been handed to the live projections. */
  private handedTo = 0;
  live = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.logger = options.logger ?? silentLogger;
    for (const projection of options.projections) {
      if (this.slots.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      if ([...this.slots.values()].some((slot) => slot.projection.collection === projection.collection)) {
        throw new Error(`Two projections write collection ${projection.collection}`);
      }
      this.slots.set(projection.name, newSlot(projection));
    }
    this.rebuilds = new RebuildCoordinator(this, {
      eventStore: options.eventStore,
      readStore: options.readStore,
      batchSize: this.batchSize,
      catchUpCommit: this.catchUpCommit,
      logger: this.logger,
      signal: this.controller.signal,
      retryDelayMs: options.retryDelayMs ?? 1000,
      verify: options.verifyRebuilds,
    });
  }

  get names(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * Where a rebuild switches readers over, the live projection going on from there: the live reader's position,
   * except while the first fold verifies or after it halted. Then the rebuild reads, verifies and folds up to the
   * head itself: it must not switch over on the strength of a reader that has not checked the log yet (an
   * `itp rebuild` on an empty read store switched at 0 having checked nothing, and exited 0 on a forged log) or
   * that stopped at a break and will hand nothing further.
   */
  get readerPosition(): number {
    return this.firstFold !== undefined || this.halted ? Math.max(this.head, this.handedTo) : this.handedTo;
  }

  /** Reads checkpoints and aliases, starts rebuilds a new version needs, then follows the log in the background. */
  async start(): Promise<void> {
    if (this.loop !== undefined) return;
    const { readStore } = this.options;
    this.head = await this.options.eventStore.headPosition();
    for (const slot of this.slots.values()) {
      const { projection } = slot;
      let current = await readStore.resolveAlias(projection.collection);
      if (current === projection.collection) {
        // First start: the alias is what readers use from now on; nothing was built yet, so from the start.
        current = physicalCollection(projection);
        await readStore.switchAlias(projection.collection, current, {
          checkpoint: { projection: projection.name, position: 0 },
        });
      }
      slot.physical = current;
      slot.checkpoint = await readStore.getCheckpoint(projection.name);
      this.logger.log(
        `Projection ${projection.name} v${projection.version}: ${current} at position ${slot.checkpoint} of ${this.head}`,
      );
      if (parsePhysical(projection.collection, current)?.version !== projection.version) {
        await this.rebuilds.start(slot, 'version-changed');
      } else if (slot.checkpoint > this.head) {
        this.logger.warn(
          `Projection ${projection.name} is at ${slot.checkpoint}, beyond the log's head ${this.head}: was the event store replaced?`,
        );
        await this.rebuilds.start(slot, 'ahead-of-log');
      }
    }
    const verify = this.options.verifyRebuilds;
    if (verify && this.head > 0 && [...this.slots.values()].some((slot) => slot.following && slot.checkpoint === 0))
      this.firstFold = new FirstFoldVerification(verify.notary, this.options.eventStore);
    this.loop = this.run();
  }

  /** Ends the subscription and any rebuild, after the batch in progress has committed. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    await Promise.all([...this.slots.values()].map((slot) => slot.rebuilding));
    this.waiters.cancelAll();
  }

  async statuses(): Promise<ProjectionStatus[]> {
    try {
      this.head = Math.max(this.head, await this.options.eventStore.headPosition());
    } catch {
      // An unreachable event store shows in /health; the statuses keep the last head seen.
    }
    return [...this.slots.values()].map((slot) => slotStatus(slot, this.head));
  }

  /** True once every named projection has committed `position`; false when one is stopped or time is up. */
  waitFor(position: number, names: readonly string[], timeoutMs: number): Promise<boolean> {
    const slots = names.map((name) => this.slot(name));
    return this.waiters.wait(() => {
      if (slots.every((slot) => slot.checkpoint >= position)) return 'reached';
      if (this.controller.signal.aborted || slots.some((slot) => slot.state === 'stopped' && slot.rebuilding === null))
        return 'unreachable';
      return 'waiting';
    }, timeoutMs);
  }

  /**
   * Rebuilds a projection beside its live collection and switches readers over when it has caught up.
   * Answers once the rebuild has started; `completion` settles true when it switched, false when it failed.
   */
  async rebuild(name: string): Promise<{ status: ProjectionStatus; completion: Promise<boolean> }> {
    const slot = this.slot(name);
    if (this.loop === undefined || this.controller.signal.aborted)
      throw new Error('The projection runner is not running');
    const { completion } = await this.rebuilds.start(slot, 'requested');
    return { status: slotStatus(slot, this.head), completion };
  }

  /** Runs `work` between two batches of the live loop: the live projections are paused meanwhile. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch(() => undefined);
    return result;
  }

  changed(): void {
    this.waiters.notify();
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1000;
  }

  private get catchUpCommit(): CatchUpCommit {
    return this.options.catchUpCommit ?? DEFAULT_CATCH_UP_COMMIT;
  }

  private slot(name: string): ProjectionSlot {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new UnknownProjectionError(name);
    return slot;
  }

  /**
   * Follows the log until stopped. A lost subscription (the event store restarted, unreachable, a failover)
   * is read again from the committed checkpoints, so nothing is missed and nothing folded twice; the wait
   * doubles while the store stays away (up to MAX_RETRY_DELAY_MS) and starts small again once a batch got through.
   */
  private async run(): Promise<void> {
    const { signal } = this.controller;
    const firstDelay = this.options.retryDelayMs ?? 1000;
    let delay = firstDelay;
    while (!signal.aborted && !this.halted) {
      let reason: string;
      this.batchesSinceStart = 0;
      try {
        await this.follow(signal);
        reason = 'the subscription ended';
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (signal.aborted || this.halted) break;
      if (this.batchesSinceStart > 0) delay = firstDelay;
      this.logger.error(`Projection runner: ${reason}; reading again from the checkpoints in ${delay} ms`);
      await pause(delay, signal);
      delay = Math.min(delay * 2, Math.max(firstDelay, MAX_RETRY_DELAY_MS));
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    // Under the lock: a rebuild switching meanwhile must see where this reader starts.
    const from = await this.exclusive(async () => {
      // What was folded but not committed is read again: the committed checkpoints are the truth.
      for (const slot of this.slots.values()) slot.pending = null;
      const following = [...this.slots.values()].filter((slot) => slot.following);
      this.handedTo =
        following.length > 0
          ? Math.min(...following.map((slot) => slot.checkpoint))
          : await this.options.eventStore.headPosition();
      return this.handedTo;
    });
    const started = Date.now();
    const batches = logBatches(this.options.eventStore, {
      fromPosition: from,
      batchSize: this.batchSize,
      signal,
      idleBackoffMs: this.options.idleBackoffMs,
      liveWindowMs: this.options.liveWindowMs,
    });
    for await (const batch of batches) {
      this.batchesSinceStart += 1;
      if (this.firstFold !== undefined && !(await this.verifiedFirstFold(batch))) return;
      const wasLive = this.live;
      await this.exclusive(() => this.dispatch(batch));
      // Catching up is reads, folds and writes that never wait for I/O: one turn of the event loop per batch, so
      // that the api finishes starting and answers meanwhile.
      if (!batch.live) await new Promise<void>((resolve) => setImmediate(resolve));
      if (!wasLive && this.live) {
        const seconds = (Date.now() - started) / 1000;
        this.logger.log(
          `Projections caught up from ${from} to ${batch.position} in ${seconds.toFixed(1)} s; following the log live`,
        );
      }
    }
  }

  /** Checks a batch of the first fold before it is folded; false (every projection stopped) on a break. */
  private async verifiedFirstFold(batch: LogBatch): Promise<boolean> {
    try {
      await this.firstFold!.check(batch);
    } catch (error) {
      if (!(error instanceof RebuildIntegrityError)) throw error;
      for (const slot of this.slots.values()) {
        if (!slot.following) continue;
        slot.following = false;
        slot.state = 'stopped';
        slot.lastError = firstFoldHalted(error);
      }
      this.halted = true;
      this.firstFold = undefined;
      // A rebuild asked for from now on reads through this batch (see readerPosition), and meets the same break.
      this.head = Math.max(this.head, batch.position);
      this.logger.error(
        `Projections halted in their first fold at position ${error.found.position}: ${error.message}. Nothing of the batch was ingested.`,
      );
      this.changed();
      return false;
    }
    // Caught up: what follows was appended since, by the command side, and the notary links it.
    if (batch.live) this.firstFold = undefined;
    return true;
  }

  private async dispatch(batch: LogBatch): Promise<void> {
    const slots = [...this.slots.values()].filter((slot) => slot.following);
    const results = await Promise.allSettled(
      slots.map((slot) => advanceSlot(this.options.readStore, slot, batch, this.logger, this.catchUpCommit)),
    );
    this.handedTo = batch.position;
    this.head = Math.max(this.head, batch.position);
    if (batch.live) {
      this.live = true;
      for (const slot of slots)
        if (slot.state === 'catching-up' && slot.checkpoint >= batch.position) slot.state = 'live';
    }
    this.waiters.notify();
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}

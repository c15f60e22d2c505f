import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { RebuildNotary } from '@itp/event-store/notary';
import { ITP_CONFIG, type ItpConfig } from '@itp/platform';
import { PROJECTIONS, type Projection } from '@itp/projections';
import { ProjectionRunner, type ProjectionStatus } from '@itp/projections/runner';
import { READ_STORE, type ReadStore } from '@itp/read-store';

/**
 * Where the api gets projection statuses: from its own runner when projections run in-process (the embedded
 * default), otherwise from the checkpoints the projector app commits to the shared read store.
 */
/** How long the in-process projections gather live events into one commit. */
const LIVE_WINDOW_MS = 10;

@Injectable()
export class ProjectionsHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReadStore');
  /** Settles when the embedded read store has parsed its live collections after start (the benchmark waits on it). */
  warmedUp: Promise<void> = Promise.resolve();
  /** Undefined when the projector app runs the projections. */
  readonly runner: ProjectionRunner | undefined;
  /** What rebuilds verify the global chain against (ADR 0008): the notary's links, read-only. */
  private readonly rebuildNotary: RebuildNotary;

  constructor(
    @Inject(ITP_CONFIG) config: ItpConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTIONS) readonly projections: readonly Projection[],
  ) {
    this.rebuildNotary = new RebuildNotary(config.notary.enabled ? config.notary.filePath : undefined);
    this.runner = config.projectionsInProcess
      ? new ProjectionRunner({
          eventStore,
          readStore,
          projections,
          logger: new Logger('Projections'),
          // While commands flow, one commit per few milliseconds instead of one per command (minPosition waits).
          liveWindowMs: LIVE_WINDOW_MS,
          // Every rebuild verifies the log as it reads it and halts on a break, readers keeping their model.
          verifyRebuilds: this.rebuildNotary,
        })
      : undefined;
  }

  get runsIn(): 'api' | 'projector' {
    return this.runner === undefined ? 'projector' : 'api';
  }

  has(name: string): boolean {
    return this.projections.some((projection) => projection.name === name);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner?.start();
    // The embedded store parses its live collections in the background, so the first queries find them parsed.
    // Begun here, not a turn later: until it has loaded a collection, a query on it reads only the rows that may
    // match, and a query answered within this turn (an injected one) would otherwise parse the whole collection.
    const store = this.readStore as ReadStore & { warmUp?: () => Promise<unknown> };
    if (typeof store.warmUp === 'function')
      this.warmedUp = store.warmUp().then(
        () => undefined,
        (error: unknown) => this.logger.warn(`read store warm-up: ${String(error)}`),
      );
  }

  /** Before the stores close (their modules close them at shutdown, after every module is destroyed). */
  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
    await this.rebuildNotary.close();
  }

  async statuses(): Promise<ProjectionStatus[]> {
    if (this.runner !== undefined) return this.runner.statuses();
    const head = await this.eventStore.headPosition();
    return Promise.all(
      this.projections.map(async (projection): Promise<ProjectionStatus> => {
        const checkpoint = await this.readStore.getCheckpoint(projection.name);
        const physical = await this.readStore.resolveAlias(projection.collection);
        // The projector alone knows whether it stopped a projection; seen from here, only the lag shows.
        return {
          name: projection.name,
          version: projection.version,
          collection: projection.collection,
          physicalCollection: physical === projection.collection ? undefined : physical,
          checkpoint,
          head,
          lag: Math.max(0, head - checkpoint),
          state: checkpoint >= head ? 'live' : 'catching-up',
          lastError: null,
          rebuild: null,
        };
      }),
    );
  }

  /** Checkpoints only, from wherever they are freshest. */
  async checkpoints(names: readonly string[]): Promise<Map<string, number>> {
    const statuses = this.runner !== undefined ? await this.runner.statuses() : undefined;
    const entries = await Promise.all(
      names.map(
        async (name) =>
          [
            name,
            statuses?.find((status) => status.name === name)?.checkpoint ?? (await this.readStore.getCheckpoint(name)),
          ] as const,
      ),
    );
    return new Map(entries);
  }
}

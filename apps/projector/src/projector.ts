import type { EventStore } from '@itp/event-store';
import { RebuildNotary } from '@itp/event-store/notary';
import type { ItpConfig } from '@itp/platform';
import { acquireWriterLock, storesWrittenBy } from '@itp/platform/data-dir/writer-lock';
import { ALL_PROJECTIONS } from '@itp/projections';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import { rebuildCheckpointKey } from '@itp/projections/rebuild/collection-names';
import { ProjectionRunner } from '@itp/projections/runner';
import { MongoReadStore, type ReadStore } from '@itp/read-store';
import { FencedWriteError, fencedIdsOf, MongoLease } from '@itp/read-store/mongodb/mongodb-lease';
import { leaseTimingsFromEnv } from './lease-config';
import { projectorLogger } from './projector-logger';

export interface ProjectorOptions {
  /** How often the worker logs every projection's status. */
  statusIntervalMs?: number;
  /** Resolves when the worker should stop; defaults to SIGTERM or SIGINT. */
  until?: Promise<unknown>;
  /** Where the lease timings are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

type Logger = ReturnType<typeof projectorLogger>;

const signalled = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
  });

/**
 * The production projection worker: folds the global log into the read models, outside the api, with the same
 * runner the api uses in-process. Runs until SIGTERM; the batch in flight commits before it exits.
 *
 * One writer at a time: on the embedded read store it takes the data directory's writer lock (a second projector,
 * an api running projections or a rebuild on the same directory is refused); on MongoDB it runs only while it
 * holds the projector lease, with every checkpoint and alias write fenced by the lease's token
 * (libs/read-store/src/mongodb/mongodb-lease.ts). Without the lease it stands by and takes over when the lease
 * expires; when it loses the lease it stops its runner and stands by again.
 */
export async function runProjector(config: ItpConfig, options: ProjectorOptions = {}): Promise<void> {
  const logger = projectorLogger(config);
  const timings = config.readStore.backend === 'mongodb' ? leaseTimingsFromEnv(options.env) : undefined;
  const writerLock = acquireWriterLock(config.dataDir, storesWrittenBy(config, 'projector'), { app: 'itp-projector' });
  try {
    const until = options.until ?? signalled();
    const eventStore = openEventStore(config);
    const readStore = openReadStore(config);
    // Rebuilds (a new projection version) verify the log as they read it; the global chain too where notary.sqlite is.
    const rebuildNotary = new RebuildNotary(config.notary.enabled ? config.notary.filePath : undefined);
    try {
      logger.log(
        `ITP projector: event store ${config.eventStore.backend}, read store ${config.readStore.backend}, ${ALL_PROJECTIONS.length} projections`,
      );
      if (config.readStore.backend === 'mongodb' && readStore instanceof MongoReadStore && timings !== undefined) {
        const lease = new MongoLease({ uri: config.readStore.uri, dbName: config.readStore.database, ...timings });
        try {
          await runUnderLease(lease, { logger, eventStore, readStore, options, rebuildNotary, until });
        } finally {
          await lease.close();
        }
      } else {
        const reason = await runTerm({ logger, eventStore, readStore, options, rebuildNotary }, until);
        logger.log(`Stopped (${String(reason)})`);
      }
    } finally {
      await rebuildNotary.close();
      await eventStore.close();
      await readStore.close();
    }
  } finally {
    writerLock.release();
  }
}

interface Term {
  logger: Logger;
  eventStore: EventStore;
  readStore: ReadStore;
  options: ProjectorOptions;
  rebuildNotary: RebuildNotary;
}

/** Runs the projections until `end` resolves, then stops the runner (the batch in flight ends first). */
async function runTerm<T>(
  { logger, eventStore, readStore, options, rebuildNotary }: Term,
  end: Promise<T>,
): Promise<T> {
  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections: ALL_PROJECTIONS,
    logger,
    verifyRebuilds: rebuildNotary,
  });
  const logStatuses = async (): Promise<void> => {
    const statuses = await runner.statuses();
    logger.raw.info(
      {
        projections: statuses.map(({ name, state, checkpoint, head, lag, lastError }) => ({
          name,
          state,
          checkpoint,
          head,
          lag,
          lastError,
        })),
      },
      'projection status',
    );
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    try {
      await Promise.race([runner.start(), end]);
    } catch (error) {
      // Refused by the lease's fence while starting: the lease is lost, and `end` says so.
      if (!(error instanceof FencedWriteError)) throw error;
    }
    timer = setInterval(
      () => void logStatuses().catch((error: unknown) => logger.error(`status: ${String(error)}`)),
      options.statusIntervalMs ?? 30_000,
    );
    return await end;
  } finally {
    clearInterval(timer);
    await runner.stop();
    await logStatuses().catch((error: unknown) => logger.error(`status: ${String(error)}`));
  }
}

/** Stand by until the lease is ours, run while it is, stand by again when it is lost; until `until`. */
async function runUnderLease(
  lease: MongoLease,
  { until, ...term }: Term & { readStore: MongoReadStore; until: Promise<unknown> },
): Promise<void> {
  const { logger, readStore } = term;
  const stopping = new AbortController();
  void until.then(() => stopping.abort());
  const ids = fencedIdsOf(ALL_PROJECTIONS, rebuildCheckpointKey);
  while (!stopping.signal.aborted) {
    const held = await lease.acquire(
      ids,
      stopping.signal,
      (current) =>
        logger.log(
          current === null
            ? 'Standby: no projector lease yet'
            : `Standby: the projector lease is held by ${String(current.holder)} (token ${current.token}) until ${current.expiresAt.toISOString()}; taking over when it expires`,
        ),
      (error) => logger.warn(`Projector lease: ${error instanceof Error ? error.message : String(error)}`),
    );
    if (held === undefined) break;
    logger.log(`Active: ${lease.holder} holds the projector lease with fencing token ${held.token}`);
    readStore.fenceWith(held);
    const ended = await runTerm(
      term,
      Promise.race([
        until.then((reason) => ({ lost: undefined, reason })),
        held.whenLost.then((reason) => ({ lost: true, reason })),
      ]),
    );
    if (ended.lost) {
      logger.warn(`Lost the projector lease (${String(ended.reason)}): runner stopped, standing by`);
      continue;
    }
    await lease
      .release(held)
      .then(() => logger.log(`Released the projector lease (token ${held.token})`))
      .catch((error: unknown) => logger.warn(`Could not release the projector lease: ${String(error)}`));
    logger.log(`Stopped (${String(ended.reason)})`);
  }
}

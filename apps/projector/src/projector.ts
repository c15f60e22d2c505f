import type { ItpConfig } from '@itp/platform';
import { ALL_PROJECTIONS } from '@itp/projections';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import { ProjectionRunner } from '@itp/projections/runner';
import { projectorLogger } from './projector-logger';

export interface ProjectorOptions {
  /** How often the worker logs every projection's status. */
  statusIntervalMs?: number;
  /** Resolves when the worker should stop; defaults to SIGTERM or SIGINT. */
  until?: Promise<unknown>;
}

const signalled = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
  });

/**
 * The production projection worker: folds the global log into the read models, outside the api, with the same
 * runner the api uses in-process. Runs until SIGTERM; the batch in flight commits before it exits.
 */
export async function runProjector(config: ItpConfig, options: ProjectorOptions = {}): Promise<void> {
  const logger = projectorLogger(config);
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const runner = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS, logger });
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
  try {
    logger.log(
      `ITP projector: event store ${config.eventStore.backend}, read store ${config.readStore.backend}, ${ALL_PROJECTIONS.length} projections`,
    );
    await runner.start();
    const timer = setInterval(
      () => void logStatuses().catch((error: unknown) => logger.error(`status: ${String(error)}`)),
      options.statusIntervalMs ?? 30_000,
    );
    const reason = await (options.until ?? signalled());
    clearInterval(timer);
    logger.log(`Stopping (${String(reason)})`);
    await runner.stop();
    await logStatuses();
  } finally {
    await eventStore.close();
    await readStore.close();
  }
}

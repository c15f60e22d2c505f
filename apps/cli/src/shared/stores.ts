import { existsSync } from 'node:fs';
import type { EventStore } from '@itp/event-store';
import { ConfigurationError, loadConfig, type ItpConfig } from '@itp/platform';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import type { ReadStore } from '@itp/read-store';
import { usageError } from './cli-errors';

/** The api's configuration, from the same variables; a value the api would refuse is a usage error (exit 2). */
export function cliConfig(env: NodeJS.ProcessEnv = process.env): ItpConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) throw usageError(error.message);
    throw error;
  }
}

export const eventStoreName = (config: ItpConfig): string =>
  config.eventStore.backend === 'sqlite'
    ? `the embedded event log ${config.eventStore.filePath}`
    : `EventStoreDB at ${redactUri(config.eventStore.connectionString)}`;

export const readStoreName = (config: ItpConfig): string =>
  config.readStore.backend === 'embedded'
    ? `the embedded read models ${config.readStore.filePath}`
    : `MongoDB database ${config.readStore.database} at ${redactUri(config.readStore.uri)}`;

/** Credentials in a connection string are never printed. */
const redactUri = (uri: string): string => uri.replace(/\/\/[^@/]*@/, '//***@');

/**
 * The event store, for reading. On the embedded default the log must already exist: a read-only command pointed at
 * the wrong ITP_DATA_DIR says so instead of creating an empty log and finding nothing wrong in it. Reading takes
 * no writer lock, so it works while the api runs.
 */
export function openEventStoreForReading(config: ItpConfig): EventStore {
  if (config.eventStore.backend === 'sqlite' && !existsSync(config.eventStore.filePath))
    throw usageError(
      `There is no event log at ${config.eventStore.filePath}: set ITP_DATA_DIR to the api's data directory (now ${config.dataDir}).`,
    );
  return openEventStore(config);
}

/** The read models, for reading; on the embedded default they must already exist (the api or `itp import` builds them). */
export function openReadStoreForReading(config: ItpConfig): ReadStore {
  if (config.readStore.backend === 'embedded' && !existsSync(config.readStore.filePath))
    throw usageError(
      `There are no read models at ${config.readStore.filePath}: set ITP_DATA_DIR to the api's data directory (now ${config.dataDir}), ` +
        'or build them: start the api on it once (or import with `itp import`, which folds them).',
    );
  return openReadStore(config);
}

/** Runs `work` with the store and closes it however the work ends. */
export async function withStore<S extends { close(): Promise<void> }, T>(
  store: S,
  work: (store: S) => Promise<T>,
): Promise<T> {
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

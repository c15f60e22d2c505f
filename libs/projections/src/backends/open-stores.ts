import { mkdirSync } from 'node:fs';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@itp/event-store';
import { EmbeddedReadStore, MongoReadStore, type ReadStore } from '@itp/read-store';
import type { ItpConfig } from '@itp/platform';

/** The adapters the configuration names; shared by the api and the projector so both open the same stores. */
export const openEventStore = (config: ItpConfig): EventStore => {
  if (config.eventStore.backend === 'eventstoredb')
    return new EventStoreDbEventStore(config.eventStore.connectionString);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ filePath: config.eventStore.filePath });
};

export const openReadStore = (config: ItpConfig): ReadStore => {
  if (config.readStore.backend === 'mongodb')
    return new MongoReadStore({ uri: config.readStore.uri, dbName: config.readStore.database });
  return new EmbeddedReadStore({ filePath: config.readStore.filePath });
};

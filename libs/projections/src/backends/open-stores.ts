import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@itp/event-store';
import { EmbeddedReadStore, MongoReadStore, type ReadStore } from '@itp/read-store';
import type { ItpConfig } from '@itp/platform';
import { ensurePrivateDir, makeStoreFilesPrivate } from '@itp/platform/data-dir/file-modes';

/** The adapters the configuration names; shared by the api and the projector so both open the same stores. */
export const openEventStore = (config: ItpConfig): EventStore => {
  if (config.eventStore.backend === 'eventstoredb')
    return new EventStoreDbEventStore(config.eventStore.connectionString);
  // The data directory 0700 and its store files 0600 (SQLite creates them with the umask's 0644).
  ensurePrivateDir(config.dataDir);
  const store = new SqliteEventStore({ filePath: config.eventStore.filePath });
  makeStoreFilesPrivate(config.eventStore.filePath);
  return store;
};

export const openReadStore = (config: ItpConfig): ReadStore => {
  if (config.readStore.backend === 'mongodb')
    return new MongoReadStore({ uri: config.readStore.uri, dbName: config.readStore.database });
  ensurePrivateDir(config.dataDir);
  const store = new EmbeddedReadStore({ filePath: config.readStore.filePath });
  makeStoreFilesPrivate(config.readStore.filePath);
  return store;
};

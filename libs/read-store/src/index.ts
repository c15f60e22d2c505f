export * from './read-store.port';
export * from './read-store.errors';
export {
  EmbeddedReadStore,
  embeddedReadStorePath,
  type EmbeddedReadStoreOptions,
} from './embedded/embedded-read-store';
export { MongoReadStore } from './mongodb/mongodb-read-store';
export { mongoReadStoreOptionsFromEnv, type MongoReadStoreOptions } from './mongodb/mongodb-read-store-options';

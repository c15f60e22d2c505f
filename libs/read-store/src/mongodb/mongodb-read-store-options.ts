import type { MongoClientOptions } from 'mongodb';

export interface MongoReadStoreOptions {
  uri: string;
  dbName: string;
  clientOptions?: MongoClientOptions;
}

/** The read store's MongoDB from the environment, or undefined when `MONGODB_URI` is not set. */
export const mongoReadStoreOptionsFromEnv = (
  env: Record<string, string | undefined> = process.env,
): MongoReadStoreOptions | undefined => {
  const uri = env['MONGODB_URI']?.trim();
  if (!uri) return undefined;
  return { uri, dbName: env['MONGODB_DB']?.trim() || 'itp' };
};

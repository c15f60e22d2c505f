import { ReadStoreUnavailableError, type CollectionValidator, type ReadStore } from '@itp/read-store';
import type { Projection } from '../projection';
import type { RunnerLogger } from '../shared/projection-status';
import { toMongoJsonSchema } from './mongo-json-schema';
import { READ_MODEL_SCHEMAS } from './read-model-schemas';

/**
 * How the published schemas are applied as validators where the read store can validate (MongoDB):
 * - `action: 'warn'`, not 'error': a refused write fails its whole batch, and the runner can only retry it, for
 *   ever. One schema mistake (a field added to a document type and not to its schema) would stop that read
 *   model, and with it every query waiting for it, until a release fixed the schema. With 'warn' the write
 *   lands and the server logs the violation; the demo-year spec (every document against its schema) and the
 *   unit specs keep code and schemas in step before a release.
 * - `level: 'strict'`: every insert and update is checked, so every violation is logged.
 */
export const READ_MODEL_VALIDATION: Pick<CollectionValidator, 'level' | 'action'> = { level: 'strict', action: 'warn' };

/** The MongoDB dialect of each published schema, converted once. */
const VALIDATORS = new Map(
  Object.entries(READ_MODEL_SCHEMAS).map(([collection, schema]) => [collection, toMongoJsonSchema(schema)]),
);

/**
 * Gives a physical collection of `projection` (or its alias) what readers outside the api rely on: the
 * declared indexes and the validator of the published schema. Safe to repeat: existing indexes and validators
 * are left as they are or set again.
 *
 * Indexes are created one per call: FerretDB 1.24 drops the connection (a server panic) when one
 * `createIndexes` names two or more indexes that all exist already, which every restart would do.
 */
export async function prepareCollection(readStore: ReadStore, projection: Projection, collection: string) {
  const jsonSchema = VALIDATORS.get(projection.collection);
  const validator =
    jsonSchema !== undefined && readStore.ensureValidator !== undefined
      ? await readStore.ensureValidator(collection, { jsonSchema, ...READ_MODEL_VALIDATION })
      : undefined;
  for (const index of projection.indexes ?? []) await readStore.ensureIndexes(collection, [index]);
  return { validator };
}

/**
 * For the live collection when the runner starts following it: the model must keep folding even if the server
 * refuses an index, so only an unreachable backend is thrown (the runner retries); anything else is logged.
 */
export async function prepareLiveCollection(
  readStore: ReadStore,
  projection: Projection,
  logger: RunnerLogger,
): Promise<void> {
  try {
    const { validator } = await prepareCollection(readStore, projection, projection.collection);
    if (validator !== undefined && !validator.applied)
      logger.log(`${projection.collection}: no document validator (${validator.reason})`);
  } catch (error) {
    if (error instanceof ReadStoreUnavailableError) throw error;
    logger.warn(
      `${projection.collection}: could not create its indexes: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { READ_MODEL_SCHEMAS } from '../rebuild/read-model-schemas';

/**
 * The published read-model schemas (docs/read-models/*.schema.json) compiled with ajv, strictly: an unknown
 * keyword or format in a schema is an error, `date` and `date-time` are checked for real calendar values.
 * For specs only (ajv is a dev dependency).
 */
export const readModelValidators = (): Map<string, ValidateFunction> => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv, ['date', 'date-time']);
  return new Map(Object.entries(READ_MODEL_SCHEMAS).map(([collection, schema]) => [collection, ajv.compile(schema)]));
};

/** Readable ajv errors: `<path> <message>` (with the offending property for additionalProperties). */
export const describeErrors = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });

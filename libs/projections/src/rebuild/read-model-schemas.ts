import exchangeRates from '../../../../docs/read-models/exchange_rates.schema.json';
import investorLibrary from '../../../../docs/read-models/investor_library.schema.json';
import parkLibrary from '../../../../docs/read-models/park_library.schema.json';
import problems from '../../../../docs/read-models/problems.schema.json';
import projectLibrary from '../../../../docs/read-models/project_library.schema.json';

/** A JSON Schema document (draft 2020-12), as published. */
export type JsonSchema = Record<string, unknown>;

/**
 * The published schema of each read model, by logical collection: the files in docs/read-models/ themselves,
 * so what reporting services are given and what the store applies cannot drift apart. Every document of a
 * read model must satisfy its schema (read-model-schemas e2e spec: the whole demo year).
 */
export const READ_MODEL_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  project_library: projectLibrary,
  investor_library: investorLibrary,
  park_library: parkLibrary,
  exchange_rates: exchangeRates,
  problems,
};

export const readModelSchema = (collection: string): JsonSchema | undefined =>
  Object.hasOwn(READ_MODEL_SCHEMAS, collection) ? READ_MODEL_SCHEMAS[collection] : undefined;

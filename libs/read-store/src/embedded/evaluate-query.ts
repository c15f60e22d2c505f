import { Query } from 'mingo';
import type { FindOptions, ReadDocument, ReadFilter } from '../read-store.port';

/**
 * The ids a filter can only match, when it pins `_id` to a string or a `$in` of strings: the store then reads
 * those rows by primary key instead of parsing the whole collection (the projection runner's hot path).
 */
export const pinnedIds = (filter: ReadFilter): string[] | undefined => {
  const id = filter['_id'];
  if (typeof id === 'string') return [id];
  if (id === null || typeof id !== 'object' || Array.isArray(id)) return undefined;
  const keys = Object.keys(id);
  const values = (id as Record<string, unknown>)['$in'];
  if (keys.length !== 1 || !Array.isArray(values)) return undefined;
  if (!values.every((v): v is string => typeof v === 'string')) return undefined;
  return [...new Set(values)];
};

/**
 * What is left to check once the candidates were read by the ids `pinnedIds` found: they match `_id` already,
 * and mingo's `$in` over a thousand ids costs more than the reads themselves.
 */
export const withoutPinnedIds = (filter: ReadFilter): ReadFilter => {
  const { _id: _pinned, ...rest } = filter;
  return rest;
};

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A top-level field the filter pins to a scalar or to `$in` of scalars (at its top level, so every match has it):
 * the cache narrows the candidates by it. Plain names only (a dotted path may cross arrays); `_id` is pinnedIds'.
 */
export const pinnedField = (filter: ReadFilter): { field: string; values: unknown[] } | undefined => {
  for (const [field, value] of Object.entries(filter)) {
    if (field === '_id' || field.startsWith('$') || field.includes('.')) continue;
    if (isScalar(value)) return { field, values: [value] };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const keys = Object.keys(value);
    const values = (value as Record<string, unknown>)['$in'];
    if (keys.length === 1 && Array.isArray(values) && values.length > 0 && values.every(isScalar))
      return { field, values };
  }
  return undefined;
};

const isEmpty = (value: object | undefined): boolean => value === undefined || Object.keys(value).length === 0;

/** Evaluates the MongoDB query language over parsed documents, so both adapters answer the same filters alike. */
export const evaluateFind = (
  documents: ReadDocument[],
  filter: ReadFilter,
  options: FindOptions = {},
): ReadDocument[] => {
  if (
    isEmpty(filter) &&
    isEmpty(options.sort) &&
    isEmpty(options.projection) &&
    !options.skip &&
    options.limit === undefined
  ) {
    return documents;
  }
  let cursor = new Query(filter).find<ReadDocument>(documents, options.projection);
  if (options.sort !== undefined) cursor = cursor.sort(options.sort);
  if (options.skip !== undefined && options.skip > 0) cursor = cursor.skip(options.skip);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all();
};

export const evaluateCount = (documents: ReadDocument[], filter: ReadFilter): number => {
  if (isEmpty(filter)) return documents.length;
  const query = new Query(filter);
  let n = 0;
  for (const document of documents) if (query.test(document)) n += 1;
  return n;
};

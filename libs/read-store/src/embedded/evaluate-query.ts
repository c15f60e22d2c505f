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

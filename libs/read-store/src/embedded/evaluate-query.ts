import { Query } from 'mingo';
import type { FindOptions, ReadDocument, ReadFilter } from '../read-store.port';
import { fastMatcher } from './fast-matcher';

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

export const isScalar = (value: unknown): value is string | number | boolean =>
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
  const matched = matching(documents, filter);
  const sorted = isEmpty(options.sort) ? matched : sortedFast(matched, options.sort!);
  if (sorted !== undefined) {
    const skip = options.skip ?? 0;
    const page =
      skip === 0 && options.limit === undefined
        ? sorted
        : sorted.slice(skip, options.limit === undefined ? undefined : skip + options.limit);
    return isEmpty(options.projection) ? page : projected(page, options.projection!);
  }
  // Mingo sorts and pages; the projection comes after, as in mingo's own cursor, but through `projected`: mingo's
  // $project reads every field of a document it projects, excluded ones too, and a project's series are read from
  // the store when read (stored-series.ts): the first targets report after a start read all 10,000 for nothing.
  let cursor = new Query({}).find<ReadDocument>(matched);
  if (options.sort !== undefined) cursor = cursor.sort(options.sort);
  if (options.skip !== undefined && options.skip > 0) cursor = cursor.skip(options.skip);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  const page = cursor.all();
  return isEmpty(options.projection) ? page : projected(page, options.projection!);
};

/**
 * A projection of plain top-level names, all included or all excluded, done without mingo, in mingo's own shape:
 * included names in sorted order, `_id` last unless it was named (then in its sorted place) or excluded;
 * excluded names taken out of the document's order. Any other projection goes through mingo.
 */
export const projected = (documents: ReadDocument[], projection: NonNullable<FindOptions['projection']>) => {
  const entries = Object.entries(projection);
  const plain = entries.every(
    ([name, value]) => !name.includes('.') && !name.startsWith('$') && typeof value !== 'object',
  );
  const modes = new Set(entries.filter(([name]) => name !== '_id').map(([, value]) => (value ? 1 : 0)));
  if (!plain || modes.size !== 1) return new Query({}).find<ReadDocument>(documents, projection).all();
  const idValue = projection['_id' as keyof typeof projection];
  if (modes.has(0)) {
    const excluded = new Set(entries.filter(([, value]) => !value).map(([name]) => name));
    return documents.map((document) => {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(document)) if (!excluded.has(key)) out[key] = document[key];
      return out as ReadDocument;
    });
  }
  const named = entries.filter(([name, value]) => name !== '_id' || value).map(([name]) => name);
  const keys = [...named].sort();
  if (idValue === undefined) keys.push('_id');
  return documents.map((document) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (key in document) out[key] = document[key];
    return out as ReadDocument;
  });
};

const matching = (documents: ReadDocument[], filter: ReadFilter): ReadDocument[] => {
  if (isEmpty(filter)) return documents;
  // Made first, as before: a filter mingo refuses is refused here too, whatever the fast matcher makes of it.
  const query = new Query(filter);
  const byMingo = (document: ReadDocument) => query.test(document);
  const fast = fastMatcher(filter);
  if (fast === undefined) return documents.filter(byMingo);
  return documents.filter((document) => fast(document) ?? byMingo(document));
};

/**
 * Where mingo puts a value of a sort key: a missing field and null first, as one (its sort groups the documents
 * by value, and null and a missing value fall in one group, as in MongoDB), then the key's one scalar type. Any
 * other value leaves the sort to mingo.
 */
const MISSING_OR_NULL = 0;
const SCALAR = 1;

/**
 * Sorted without mingo (whose sort, on thousands of documents, cost more than the filter), when that cannot
 * change the order: plain top-level keys ending with `_id` (a total order, so no tie is left to the algorithm),
 * each holding strings in every document, or numbers in every document (not NaN, which mingo's sort places
 * last and JavaScript's comparisons nowhere; 0 and -0 are one value to both), which JavaScript compares as mingo
 * does, any of them missing or null (mingo puts those first, together). Undefined otherwise (arrays, objects,
 * mixed types: mingo's own order applies).
 */
export const sortedFast = (
  documents: ReadDocument[],
  sort: NonNullable<FindOptions['sort']>,
): ReadDocument[] | undefined => {
  const keys = Object.entries(sort) as [string, number][];
  if (keys.length === 0 || keys[keys.length - 1]![0] !== '_id') return undefined;
  for (const [field, direction] of keys) {
    if (field.includes('.') || (direction !== 1 && direction !== -1)) return undefined;
    let type: 'string' | 'number' | undefined;
    for (const document of documents) {
      const value = document[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      if (typeof value === 'number' && Number.isNaN(value)) return undefined;
      type ??= typeof value === 'string' ? 'string' : 'number';
      if (typeof value !== type) return undefined;
    }
  }
  // Each document's keys read once, into an array of its own: the comparator then reads arrays, not the frozen
  // documents' fields (a lookup of each field in every comparison; about 2n log n of them).
  const fields = keys.map(([field]) => field);
  const directions = keys.map(([, direction]) => direction);
  const rankOf = (value: unknown) => (value === undefined || value === null ? MISSING_OR_NULL : SCALAR);
  const rows = documents.map((document) => ({
    values: fields.map((field) => document[field] as string | number | null | undefined),
    ranks: fields.map((field) => rankOf(document[field])),
    document,
  }));
  rows.sort((a, b) => {
    for (let i = 0; i < fields.length; i += 1) {
      const rankA = a.ranks[i]!;
      const rankB = b.ranks[i]!;
      if (rankA !== rankB) return (rankA - rankB) * directions[i]!;
      if (rankA !== SCALAR) continue;
      const x = a.values[i]!;
      const y = b.values[i]!;
      if (x < y) return -directions[i]!;
      if (x > y) return directions[i]!;
    }
    return 0;
  });
  return rows.map((row) => row.document);
};

export const evaluateCount = (documents: ReadDocument[], filter: ReadFilter): number => {
  if (isEmpty(filter)) return documents.length;
  const query = new Query(filter);
  let n = 0;
  for (const document of documents) if (query.test(document)) n += 1;
  return n;
};

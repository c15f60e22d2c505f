import type { ReadDocument } from '../read-store.port';

/**
 * The long series of a document: a project's monthly progress, its problems and suspensions. At 1,000,000 events
 * they are five sixths of the project library's bytes, and most queries leave them out (lists, targets, bulletin,
 * assessment ask `projection: { progress: 0, ... }`). The embedded store keeps them in a column of their own,
 * read and parsed only when a query's answer holds them, so that the documents it keeps parsed stay small.
 */
export const SERIES_FIELDS: readonly string[] = ['progress', 'problems', 'suspensions'];

/** Series shorter than this stay in the body: a row read costs more than parsing a few bytes with the rest. */
const APART_MIN_CHARS = 512;

/** In the body, a series kept apart leaves this in its place: the field keeps its place in the document's order. */
const PLACEHOLDER = 0;

/** A document as stored: its body, and its series apart (null: all of it is in the body). */
export interface StoredParts {
  body: string;
  series: string | null;
}

export const splitStored = (document: ReadDocument): StoredParts => {
  const present = SERIES_FIELDS.filter((field) => document[field] !== undefined);
  if (present.length === 0) return { body: JSON.stringify(document), series: null };
  const series = JSON.stringify(Object.fromEntries(present.map((field) => [field, document[field]])));
  if (series.length < APART_MIN_CHARS) return { body: JSON.stringify(document), series: null };
  const light: Record<string, unknown> = { ...document };
  for (const field of present) light[field] = PLACEHOLDER;
  return { body: JSON.stringify(light), series };
};

/** The whole document from its stored parts, its fields in their stored order. */
export const joinStored = (body: string, series: string | null): ReadDocument => {
  const document = JSON.parse(body) as Record<string, unknown>;
  if (series === null) return document as ReadDocument;
  // Only placeholders are replaced: a body written whole (by an older build, after a downgrade) keeps its own.
  const values = JSON.parse(series) as Record<string, unknown>;
  for (const [field, value] of Object.entries(values)) if (document[field] === PLACEHOLDER) document[field] = value;
  return document as ReadDocument;
};

/** The series of a document this process holds were replaced or removed by another process since it read them. */
export class SeriesMovedOnError extends Error {
  override readonly name = 'SeriesMovedOnError';
  constructor(collection: string, id: string, position: number) {
    super(`The series of ${collection}/${id} at position ${position} are no longer stored`);
  }
}

/** Where a lazy document's series are: its row's key and position, and the reader of its store. */
export interface LazySeries {
  collection: string;
  id: string;
  position: number;
  read: (lazy: LazySeries) => Record<string, unknown>;
}

/** A lazy document's series: where they are, and which of its fields are getters (bit i: SERIES_FIELDS[i]). */
const lazyOf = new WeakMap<object, { lazy: LazySeries; getters: number }>();

/** One getter per series field, shared by every lazy document (it finds its document's series by `this`). */
const descriptors = new Map(
  SERIES_FIELDS.map((field): [string, PropertyDescriptor] => [
    field,
    {
      enumerable: true,
      configurable: false,
      get(this: object) {
        const { lazy } = lazyOf.get(this)!;
        return lazy.read(lazy)[field];
      },
    },
  ]),
);

/**
 * Turns a parsed body whose series were kept apart into a document whose series fields are getters (in their
 * places), read through `lazy.read` when first asked. The caller freezes it.
 */
export const makeLazy = (document: Record<string, unknown>, lazy: LazySeries): ReadDocument => {
  let getters = 0;
  SERIES_FIELDS.forEach((field, i) => {
    if (document[field] !== PLACEHOLDER) return;
    Object.defineProperty(document, field, descriptors.get(field)!);
    getters |= 1 << i;
  });
  lazyOf.set(document, { lazy, getters });
  return document as ReadDocument;
};

export const isLazy = (document: object): boolean => lazyOf.has(document);

/**
 * A document with every field a value (its series read now): what a query hands out, so that no getter of a
 * cached document is ever run after the find that returned it (another commit may have replaced its row by then).
 * Copied field by field with its series read once: `{ ...document }` ran each getter through the runtime's slow
 * path and was 13 % of the api's CPU in a warm monthly dispatch at 1M events (8,000 documents a dispatch), about
 * three times this loop. Only the fields that are getters come from the series: a body written whole (by an older
 * build, whose series column may still hold an older version) keeps its own, as joinStored does.
 *
 * The copy is kept and handed out again while the document and the series read for it are the cache's (`copies`):
 * a warm dispatch at 1M events copied its 9,147 documents at every request, a fifth of the report's time. So it is
 * shared, and frozen like every document the cache hands out; every value in it is the cache's, frozen too.
 */
export const materialized = (document: ReadDocument): ReadDocument => {
  const found = lazyOf.get(document);
  if (found === undefined) return document;
  const series = found.lazy.read(found.lazy);
  const kept = copies.get(series);
  if (kept !== undefined && kept.document === document) return kept.copy;
  const copy: Record<string, unknown> = {};
  for (const key in document) {
    const i = SERIES_FIELDS.indexOf(key);
    copy[key] = i >= 0 && (found.getters & (1 << i)) !== 0 ? series[key] : document[key];
  }
  Object.freeze(copy);
  // Only series the cache keeps parsed (frozen) are a key: a reader that parses them anew gives a new object each time.
  if (Object.isFrozen(series)) copies.set(series, { document, copy: copy as ReadDocument });
  return copy as ReadDocument;
};

/**
 * By the series values a copy was made with, the document and its copy: an entry lives as long as the series cache
 * keeps those values (a WeakMap; the copy holds their fields, not them), and serves only the same document. Neither
 * cache counts it: a document the collection cache has replaced or dropped stays reachable through it until its
 * series leave the series cache (at most one document and one copy per series kept).
 */
const copies = new WeakMap<object, { document: ReadDocument; copy: ReadDocument }>();

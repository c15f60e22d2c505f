import type { ReadFilter } from '../read-store.port';
import { SERIES_FIELDS } from './stored-series';

/** A condition on `read_documents.body` in SQLite's SQL, with its parameters in order. */
export interface SqlCondition {
  sql: string;
  params: (string | number)[];
}

/** No narrowing: every row may match. */
const ANY = undefined;
type Narrowing = SqlCondition | typeof ANY;

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** SQLite binds no booleans; JSON true and false come out of json_extract as 1 and 0. */
const bindable = (value: unknown): string | number | undefined => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Integers only: SQLite's reading of a fraction in the JSON text need not round as JavaScript's does.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  // A lone surrogate would reach SQLite as a replacement character, and NUL may end its text: both then match nothing.
  if (typeof value === 'string') return LONE_SURROGATE.test(value) || value.includes('\u0000') ? undefined : value;
  return undefined;
};

/**
 * `path` equal to one of `values`, or any array on the way to it (where MongoDB also matches an element, or an
 * element's field): a superset of MongoDB's equality. A series field is not in the stored body (stored-series.ts).
 */
const equalsOneOf = (path: string, values: readonly unknown[]): Narrowing => {
  const segments = path.split('.');
  if (!segments.every((segment) => SEGMENT.test(segment)) || SERIES_FIELDS.includes(segments[0]!)) return ANY;
  const bound = values.map(bindable);
  if (bound.length === 0 || bound.some((value) => value === undefined)) return ANY;
  const params = bound as (string | number)[];
  const arrays = segments.map((_, index) => `json_type(body, '$.${segments.slice(0, index + 1).join('.')}') = 'array'`);
  const equal = `json_extract(body, '$.${path}') IN (${params.map(() => '?').join(', ')})`;
  return { sql: `(${[equal, ...arrays].join(' OR ')})`, params };
};

/** A field's condition: a scalar, `$eq` of one, or `$in` of them; anything else does not narrow. */
const fieldCondition = (path: string, condition: unknown): Narrowing => {
  if (condition === null || typeof condition !== 'object') return equalsOneOf(path, [condition]);
  if (Array.isArray(condition) || condition instanceof RegExp || condition instanceof Date) return ANY;
  const operators = Object.entries(condition as Record<string, unknown>);
  if (operators.length !== 1) return ANY;
  const [operator, operand] = operators[0]!;
  if (operator === '$eq') return equalsOneOf(path, [operand]);
  if (operator === '$in' && Array.isArray(operand)) return equalsOneOf(path, operand);
  return ANY;
};

const joined = (parts: readonly SqlCondition[], conjunction: 'AND' | 'OR'): SqlCondition => ({
  sql: `(${parts.map((part) => part.sql).join(` ${conjunction} `)})`,
  params: parts.flatMap((part) => part.params),
});

/** Every part must hold: the parts that narrow, each a superset, together a superset. */
const allOf = (parts: readonly Narrowing[]): Narrowing => {
  const narrowing = parts.filter((part): part is SqlCondition => part !== ANY);
  return narrowing.length === 0 ? ANY : joined(narrowing, 'AND');
};

/** One of the branches must hold: a superset only when every branch narrows. */
const oneOf = (branches: readonly Narrowing[]): Narrowing =>
  branches.length === 0 || branches.some((branch) => branch === ANY) ? ANY : joined(branches as SqlCondition[], 'OR');

const branchesOf = (operand: unknown): ReadFilter[] | undefined =>
  Array.isArray(operand) && operand.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
    ? (operand as ReadFilter[])
    : undefined;

/**
 * A condition SQLite can check on the stored bodies that every document matching `filter` passes: a SUPERSET of
 * the matches, never an exact answer. The store reads only the rows that pass it from a collection it does not
 * hold parsed, then evaluates the whole filter on them as on any candidates. Translated: equality to a string,
 * number or boolean (alone, `$eq` or `$in`) on a dotted path of plain names, under `$and` and `$or`; anything
 * else narrows nothing (undefined for the whole filter: read every row).
 */
export const sqlPrefilter = (filter: ReadFilter): SqlCondition | undefined =>
  allOf(
    Object.entries(filter).map(([key, value]) => {
      if (key === '$and') {
        const branches = branchesOf(value);
        return branches === undefined ? ANY : allOf(branches.map(sqlPrefilter));
      }
      if (key === '$or') {
        const branches = branchesOf(value);
        return branches === undefined ? ANY : oneOf(branches.map(sqlPrefilter));
      }
      if (key.startsWith('$')) return ANY;
      return fieldCondition(key, value);
    }),
  );

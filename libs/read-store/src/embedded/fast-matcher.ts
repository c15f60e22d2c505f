import type { ReadDocument, ReadFilter } from '../read-store.port';

/** True or false when the matcher can tell; undefined when mingo must (an array, an object, a function, NaN). */
export type FastMatch = (document: ReadDocument) => boolean | undefined;

type Scalar = string | number | boolean;
type Test = (value: Scalar | null | undefined) => boolean;

const RANGES: Record<string, (order: number) => boolean> = {
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'boolean';

/**
 * The filters the reports ask of whole collections (a field equal to a scalar, in a list of scalars, in a range of
 * strings or numbers, not equal to a scalar or null; `$and`, `$or`), answered without mingo, as mingo answers them: a field equal to a scalar is
 * that scalar (`===`); a range holds only between values of one type (mingo's `compare`: a string is never above a
 * number, a missing or null field is in no range); `$in` is equality with one of the values. A value that is an
 * array or an object (which mingo matches element by element, or by its own order), a function or NaN (an as-of
 * document is computed, not parsed), is left to mingo, document by document. Undefined when the filter holds
 * anything else (dotted paths, other operators, regular expressions, null operands): then mingo answers for every
 * document. At 10,000 projects mingo's generic walk of the promotion report's `$or` took about a fifth of the
 * report.
 */
export const fastMatcher = (filter: ReadFilter): FastMatch | undefined => {
  const parts: FastMatch[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return undefined;
      const branches: FastMatch[] = [];
      for (const branch of condition) {
        if (!isPlainObject(branch)) return undefined;
        const compiled = fastMatcher(branch as ReadFilter);
        if (compiled === undefined) return undefined;
        branches.push(compiled);
      }
      parts.push(joined(branches, key === '$or'));
      continue;
    }
    // `__proto__` as a filter's own key is dropped by mingo's copy of the filter: mingo answers it.
    if (key.startsWith('$') || key.includes('.') || key === '__proto__') return undefined;
    const test = fieldTest(condition);
    if (test === undefined) return undefined;
    parts.push((document) => {
      // Own fields only (a lazy series is an own getter): `constructor` of a document without one is missing.
      const value = Object.hasOwn(document, key) ? document[key] : undefined;
      // Arrays and objects are matched element by element or by mingo's own order; NaN is in every `$gte` and
      // `$lte` of mingo's (its comparison of NaN answers 0). mingo answers those.
      if ((value !== null && typeof value === 'object') || typeof value === 'function' || Number.isNaN(value))
        return undefined;
      return test(value as Scalar | null | undefined);
    });
  }
  return joined(parts, false);
};

/** What one field must be, or undefined for a condition this matcher does not answer. */
const fieldTest = (condition: unknown): Test | undefined => {
  if (isScalar(condition)) return (value) => value === condition;
  // A Date or a RegExp is not an operator object: mingo answers it.
  if (!isPlainObject(condition)) return undefined;
  const tests: Test[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$eq' && isScalar(operand)) tests.push((value) => value === operand);
    // A missing field equals null for mingo: `$ne: null` wants the field there and not null (the dispatch's
    // signed projects), `$ne` of a scalar takes a missing field too.
    else if (operator === '$ne' && operand === null) tests.push((value) => value !== null && value !== undefined);
    else if (operator === '$ne' && isScalar(operand)) tests.push((value) => value !== operand);
    else if (operator === '$in' && Array.isArray(operand) && operand.every(isScalar)) {
      const values = new Set<unknown>(operand);
      tests.push((value) => value !== null && value !== undefined && values.has(value));
    } else if (
      Object.hasOwn(RANGES, operator) &&
      (typeof operand === 'string' || typeof operand === 'number') &&
      operand === operand
    ) {
      const holds = RANGES[operator]!;
      tests.push(
        (value) =>
          typeof value === typeof operand &&
          holds((value as string | number) < operand ? -1 : (value as string | number) > operand ? 1 : 0),
      );
    } else return undefined;
  }
  if (tests.length === 0) return undefined;
  return (value) => tests.every((test) => test(value));
};

/**
 * `parts` joined by `$and` (`decisive` false: false as soon as one is false) or `$or` (`decisive` true: true as soon as
 * one is true); otherwise undefined if one cannot tell, else the other answer.
 */
const joined =
  (parts: readonly FastMatch[], decisive: boolean): FastMatch =>
  (document) => {
    let unknown = false;
    for (const part of parts) {
      const result = part(document);
      if (result === decisive) return decisive;
      if (result === undefined) unknown = true;
    }
    return unknown ? undefined : !decisive;
  };

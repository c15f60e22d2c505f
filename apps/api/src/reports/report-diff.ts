import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A figure of a report: a path into its JSON (RFC 6901 JSON Pointer) and its value there. */
export interface FigureChange {
  path: string;
  old: unknown;
  new: unknown;
}

/** The SHA-256 (hex) of a report's RFC 8785 canonical JSON: what a publication freezes. */
export const reportSha256 = (report: unknown): string => {
  const canonical = canonicalize(report);
  if (canonical === undefined) throw new Error('The report is not serialisable to canonical JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};

const pointer = (parent: string, key: string | number): string =>
  `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Lists keep their items' identity when they have one: a project moved in a list is not every figure changed. */
const identityOf = (item: unknown): string | undefined => {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ['projectId', 'investorId', 'parkId', 'city', 'unit', 'region', 'industry', 'month', 'code', 'id'])
    if (typeof record[key] === 'string' || typeof record[key] === 'number') return `${key}=${String(record[key])}`;
  return undefined;
};

/**
 * A list of distinct strings is a set of ids or codes (a bulletin's projectIds): its members are the figures, not
 * their places. Lists of numbers are series (a month's figure at its index) and stay compared by index.
 */
const isSetOfScalars = (list: unknown[]): list is string[] =>
  list.every((item) => typeof item === 'string') && new Set(list).size === list.length;

/** A member that joined is listed with `old` absent, one that left with `new` absent; one that moved is not listed. */
const diffMembers = (before: string[], after: string[], path: string): FigureChange[] => {
  const [was, is] = [new Set(before), new Set(after)];
  return [
    ...before
      .filter((member) => !is.has(member))
      .map((member) => ({ path: pointer(path, `[${member}]`), old: member, new: undefined })),
    ...after
      .filter((member) => !was.has(member))
      .map((member) => ({ path: pointer(path, `[${member}]`), old: undefined, new: member })),
  ];
};

/**
 * Every figure that differs between two reports of the same kind: leaves (numbers, strings, booleans, null)
 * compared by value, objects by key, lists of distinct strings (ids, codes) as sets (members that joined or left), lists of
 * objects by the identity of their items (projectId, city, unit, ...) when every item has one, by index otherwise. A figure present on one side only is listed with `old` or `new` undefined
 * (absent in JSON). Pure: no I/O, the order of the reports' own keys.
 */
export const diffReports = (before: unknown, after: unknown, path = ''): FigureChange[] => {
  if (Object.is(before, after)) return [];
  const bothObjects = before !== null && after !== null && typeof before === 'object' && typeof after === 'object';
  if (!bothObjects) return [{ path: path === '' ? '/' : path, old: before, new: after }];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (isSetOfScalars(before) && isSetOfScalars(after)) return diffMembers(before, after, path);
    const ids = (list: unknown[]) => list.map(identityOf);
    const [beforeIds, afterIds] = [ids(before), ids(after)];
    const keyed =
      beforeIds.every((id) => id !== undefined) &&
      afterIds.every((id) => id !== undefined) &&
      new Set(beforeIds).size === before.length &&
      new Set(afterIds).size === after.length;
    if (!keyed) {
      const changes: FigureChange[] = [];
      for (let i = 0; i < Math.max(before.length, after.length); i++)
        changes.push(...diffReports(before[i], after[i], pointer(path, i)));
      return changes;
    }
    const afterById = new Map(after.map((item, i) => [afterIds[i]!, item]));
    const beforeById = new Map(before.map((item, i) => [beforeIds[i]!, item]));
    const changes: FigureChange[] = [];
    for (const [id, item] of beforeById)
      changes.push(...diffReports(item, afterById.get(id), pointer(path, `[${id}]`)));
    for (const [id, item] of afterById)
      if (!beforeById.has(id)) changes.push(...diffReports(undefined, item, pointer(path, `[${id}]`)));
    return changes;
  }
  if (Array.isArray(before) !== Array.isArray(after))
    return [{ path: path === '' ? '/' : path, old: before, new: after }];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const changes: FigureChange[] = [];
  for (const key of Object.keys(a)) changes.push(...diffReports(a[key], b[key], pointer(path, key)));
  for (const key of Object.keys(b))
    if (!(key in a)) changes.push(...diffReports(undefined, b[key], pointer(path, key)));
  return changes;
};

import { ProblemException, problem } from '@itp/platform';
import type { StoredDocument } from '@itp/read-store';

/** A read-model document as the api shows it: without the store's own `_id` and `_position`. */
export const view = <T extends { _id: string }>(document: StoredDocument<T>): Omit<T, '_id' | '_position'> => {
  const { _id: _ignored, _position: _alsoIgnored, ...rest } = document;
  return rest;
};

export const notFound = (kind: string, id: string): ProblemException =>
  new ProblemException(problem(404, 'not-found', 'Not found', { detail: `No ${kind} with id ${id}.`, kind, id }));

/** A case-insensitive "contains" filter on user text, its regex characters escaped. */
export const containsText = (text: string) => ({ $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' });

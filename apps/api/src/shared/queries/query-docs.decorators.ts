import { ApiProblems, queryProblems } from '../openapi/api-responses';

/** The answers every query may give besides its own 200, each as problem details (application/problem+json). */
export const QueryErrors = (options: { notFound?: string } = {}) =>
  ApiProblems(queryProblems(options.notFound ? { 404: options.notFound } : {}));

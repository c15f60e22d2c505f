import { applyDecorators } from '@nestjs/common';
import { ApiIdParam, ApiProblems, PATH_PROBLEMS, queryProblems } from '../openapi/api-responses';

/**
 * The answers every query may give besides its own 200, each as problem details (application/problem+json).
 * A query of one record by id (`notFound`) documents its `id` path parameter too.
 */
export const QueryErrors = (options: { notFound?: string } = {}) =>
  options.notFound === undefined
    ? ApiProblems(queryProblems())
    : applyDecorators(
        ApiIdParam('id', 'Its id'),
        ApiProblems({ ...queryProblems({ 404: options.notFound }), ...PATH_PROBLEMS }),
      );

import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The answers every query may give besides its own 200. */
export const QueryErrors = (options: { notFound?: string } = {}) =>
  applyDecorators(
    ApiResponse({ status: 400, description: 'Invalid query parameter: problem details naming each field' }),
    ApiResponse({ status: 401, description: 'No or unknown API key' }),
    ApiResponse({ status: 403, description: 'Role not allowed' }),
    ...(options.notFound ? [ApiResponse({ status: 404, description: options.notFound })] : []),
    ApiResponse({ status: 503, description: 'The read models did not reach minPosition in time (Retry-After)' }),
  );

import { applyDecorators, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';

/** Every project command endpoint: integration clients and admins only, under /api/v1/projects. */
export const ProjectCommandController = () =>
  applyDecorators(
    ApiTags('project commands'),
    ApiBearerAuth(),
    Roles('admin', 'integration'),
    Controller('api/v1/projects'),
  );

const COMMON_HEADERS = [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body: the first answer again, nothing appended. Same key, other body: 422.',
  }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The revision the client last saw, as in ETag ("3"); stale: 412, nothing appended.',
  }),
  ApiHeader({ name: 'X-Correlation-Id', required: false, description: "Carried into the events' metadata." }),
];

const ERRORS = [
  ApiResponse({ status: 400, description: 'Invalid input: problem details naming every bad field' }),
  ApiResponse({ status: 401, description: 'No or unknown API key' }),
  ApiResponse({ status: 403, description: "Role not allowed, or city outside the key's scope" }),
  ApiResponse({ status: 404, description: 'Unknown project' }),
  ApiResponse({ status: 409, description: 'Illegal transition, naming the current stage and the rule' }),
  ApiResponse({ status: 412, description: 'Stale If-Match revision' }),
  ApiResponse({
    status: 422,
    description: 'Idempotency-Key reused with another body, or a needed exchange rate is missing',
  }),
];

/** A POST that records a command on an existing project (200) or creates something (201). */
export const ProjectCommandRoute = (path: string, summary: string, status: 200 | 201 = 200) =>
  applyDecorators(
    Post(path),
    HttpCode(status),
    ApiOperation({ summary }),
    ApiResponse({ status, description: '{ id, revision, position }, with ETag: "<revision>"' }),
    ...COMMON_HEADERS,
    ...ERRORS,
  );

export { COMMON_HEADERS, ERRORS };

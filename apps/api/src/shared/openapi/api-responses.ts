import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  getSchemaPath,
  type HeadersObject,
} from '@nestjs/swagger';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../exports/export-format';
import { ID_PATTERN } from './api-properties';
import { CommandAnswerDto } from './command-answer.dto';
import { PROBLEM_MEDIA_TYPE, ProblemDetailsDto } from './problem-details.dto';

/** The error statuses the api answers, each as RFC 9457 problem details. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 414 | 415 | 422 | 500 | 503;

const RETRY_AFTER: HeadersObject = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string', pattern: '^[0-9]+$' } },
};

/** Documents each status as `application/problem+json` with the shared ProblemDetails schema. */
export const ApiProblems = (problems: Partial<Record<ErrorStatus, string>>) =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...Object.entries(problems).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
        ...(Number(status) === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );

/** What any authenticated route may answer before it runs. */
export const AUTH_PROBLEMS = {
  401: 'No API key, or an unknown one (answered before the body is read)',
  403: "The key's role may not use this route",
} as const;

/** What a route with a JSON body may answer before it runs, besides validation (400). */
export const BODY_PROBLEMS = {
  413: 'The body is larger than the limit (ITP_BODY_LIMIT_BYTES)',
  415: 'The body is not application/json, or not in UTF-8',
} as const;

const UNAVAILABLE = 'A backend (event store or read store) cannot be reached; nothing was acknowledged (Retry-After)';

/** The problems every command may answer; `extra` adds or rewords statuses for a route. */
export const commandProblems = (extra: Partial<Record<ErrorStatus, string>> = {}) => ({
  400: 'Invalid input: problem details naming every bad field (body, Idempotency-Key, If-Match, X-Correlation-Id)',
  ...AUTH_PROBLEMS,
  409: 'Not allowed in the current state (illegal transition, already exists) or a concurrent modification',
  412: 'Stale If-Match revision: nothing appended',
  ...BODY_PROBLEMS,
  422: 'Schema-valid input refused by a domain rule (rule-violation, naming each field: a date before the previous milestone, an unknown investor, an amendment that changes nothing), an Idempotency-Key reused with another body, or a needed exchange rate is missing',
  503: UNAVAILABLE,
  ...extra,
});

/** The problems every query may answer; `extra` adds or rewords statuses for a route. */
export const queryProblems = (extra: Partial<Record<ErrorStatus, string>> = {}) => ({
  400: 'Invalid query parameter: problem details naming each field',
  ...AUTH_PROBLEMS,
  422:
    'minPosition (or, on the reads that take it, atPosition) is beyond the head of the event log (position-beyond-head): ' +
    'no command answered it, no wait can serve it; or asOf is after the server clock (as-of-in-future); or, on the reads ' +
    'that take them, asOf and atPosition both given (rule-violation naming atPosition) or asOf before 0001-01-01 in ' +
    'Asia/Shanghai (rule-violation naming asOf)',
  503: `The read models did not reach minPosition in time, or ${UNAVAILABLE.charAt(0).toLowerCase()}${UNAVAILABLE.slice(1)}`,
  ...extra,
});

/** Headers of a command answer. */
const COMMAND_HEADERS: HeadersObject = {
  ETag: {
    description: 'The revision of the stream now, quoted ("3"): send it back as If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
  'Idempotent-Replayed': {
    description: 'Present (true) when the answer is the replay of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The success answer of a command: { id, revision, position } (or a subtype), with its ETag. */
export const ApiCommandAnswer = (
  status: 200 | 201,
  description: string,
  type: Type<CommandAnswerDto> = CommandAnswerDto,
) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status,
      description,
      headers: COMMAND_HEADERS,
      content: { 'application/json': { schema: { $ref: getSchemaPath(type) } } },
    }),
  );

const READ_SCOPE: HeadersObject = {
  'X-Read-Scope': {
    description: "The read scope the answer was narrowed to: '*' or the key's city codes, comma-separated",
    required: true,
    schema: { type: 'string' },
  },
};

/** What an answer computed as of a past instant or position reflects (only when `asOf` or `atPosition` was given). */
const AS_OF_HEADERS: HeadersObject = {
  'X-As-Of-Position': {
    description:
      'With asOf or atPosition: the global position of the last event the answer folds (0: none was recorded by then)',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'X-As-Of': {
    description:
      'With asOf or atPosition: the recorded instant the answer is as of (RFC 3339, UTC): the asOf given, or the recorded time of atPosition',
    schema: { type: 'string', format: 'date-time' },
  },
};

/**
 * The 200 of a query: the JSON answer's schema and, for the exportable ones, the CSV and xlsx files the same
 * route answers for `?format=csv|xlsx` or `Accept: text/csv | application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`.
 */
export const ApiQueryAnswer = (
  type: Type<unknown>,
  description: string,
  options: { exports?: boolean; readScope?: boolean; asOf?: boolean; headers?: HeadersObject } = {},
) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status: 200,
      description,
      headers: {
        ...(options.readScope === false ? {} : READ_SCOPE),
        ...(options.exports
          ? {
              'Content-Disposition': {
                description:
                  'With a file (CSV or xlsx): attachment, with an ASCII file name and the Chinese one (RFC 5987 filename*)',
                schema: { type: 'string' },
              },
            }
          : {}),
        ...(options.asOf ? AS_OF_HEADERS : {}),
        ...options.headers,
      },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        ...(options.exports
          ? {
              [CSV_MEDIA_TYPE]: {
                schema: { type: 'string', description: 'UTF-8 with a byte order mark; title block, then the tables' },
              },
              [XLSX_MEDIA_TYPE]: {
                schema: { type: 'string', format: 'binary', description: 'One worksheet per table' },
              },
            }
          : {}),
      },
    }),
  );

/** The headers every command takes (see command-request.ts for how each is checked). */
export const COMMAND_REQUEST_HEADERS = [
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Same key and body: the first answer again (Idempotent-Replayed: true), nothing appended. Same key, other body: 422.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The revision the client last saw, as in ETag ("3"); stale: 412, nothing appended.',
    schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,15}"?$' },
  }),
  ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: "Carried into the events' metadata (1-200 visible ASCII characters).",
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  }),
];

/** The longest path parameter the HTTP server takes (Fastify's maxParamLength); a longer one is a 414. */
export const MAX_PATH_PARAM_LENGTH = 100;

/** What a route with a path parameter answers for one longer than the server takes. */
export const PATH_PROBLEMS = { 414: `A path parameter longer than ${MAX_PATH_PARAM_LENGTH} characters` } as const;

/** A path parameter naming an aggregate (or a problem) by id. */
export const ApiIdParam = (name: string, description: string) =>
  ApiParam({
    name,
    description,
    schema: { type: 'string', pattern: ID_PATTERN, maxLength: MAX_PATH_PARAM_LENGTH },
  });

/**
 * Everything a command route documents: its success answer, its request headers, its path ids and every
 * problem it may answer (commandProblems plus `problems`).
 */
export const CommandDocs = (options: {
  summary: string;
  status: 200 | 201;
  path?: string;
  answer?: Type<CommandAnswerDto>;
  problems?: Partial<Record<ErrorStatus, string>>;
}) => {
  const ids = [...(options.path ?? '').matchAll(/:(\w+)/g)].map((m) => m[1]);
  return applyDecorators(
    ApiOperation({ summary: options.summary }),
    ApiCommandAnswer(
      options.status,
      '{ id, revision, position }, with ETag: "<revision>" (a replay with the same Idempotency-Key: the first answer again)',
      options.answer,
    ),
    ...COMMAND_REQUEST_HEADERS,
    ...ids.map((id) => ApiIdParam(id, id === 'problemId' ? 'The problem, as POST .../problems answered' : 'Its id')),
    ApiProblems({ ...commandProblems(options.problems), ...(ids.length > 0 ? PATH_PROBLEMS : {}) }),
  );
};

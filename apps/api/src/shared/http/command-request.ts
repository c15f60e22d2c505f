import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';
import type { FastifyRequest } from 'fastify';
import { invalidInput } from '@itp/platform';
import type { CommandContext, CommandRequest } from '../command-execution/command-context';
import { shanghaiToday } from './clock';

const COMMAND_ID_NAMESPACE = '3f0e4f6c-8d1a-5b2c-9e7f-4a5b6c7d8e9f';
const CREATED_ID_NAMESPACE = '6b1c2d3e-4f5a-5b6c-8d7e-9f0a1b2c3d4e';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Turns the headers of a command request into its context; a malformed header is a 400 naming it. */
export function commandContextFrom(request: FastifyRequest & CommandRequest): CommandContext {
  const principal = request.principal;
  if (!principal) throw new Error('Command request without a principal: the auth guard did not run');
  if (!request.receivedAt) throw new Error('Command request without a time of arrival: the clock hook did not run');
  const errors: { field: string; message: string }[] = [];

  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
    errors.push({ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' });
  const ifMatchHeader = header(request, 'if-match');
  const ifMatch = ifMatchHeader === undefined ? undefined : IF_MATCH.exec(ifMatchHeader.trim());
  if (ifMatchHeader !== undefined && !ifMatch)
    errors.push({ field: 'If-Match', message: 'must be a revision in quotes, as sent in ETag, e.g. "3"' });
  const correlationId = header(request, 'x-correlation-id');
  if (correlationId !== undefined && !IDEMPOTENCY_KEY.test(correlationId))
    errors.push({ field: 'X-Correlation-Id', message: 'must be 1-200 visible ASCII characters' });
  if (errors.length > 0) throw invalidInput(errors);

  // Keys are scoped to the caller: two clients may use the same key without meeting.
  const commandId = idempotencyKey
    ? uuidv5(`${principal.keyId}:${idempotencyKey}`, COMMAND_ID_NAMESPACE)
    : randomUUID();
  const requestHash = createHash('sha256')
    .update(canonicalize({ method: request.method, path: request.url.split('?')[0], body: request.body ?? null }) ?? '')
    .digest('hex');
  return {
    principal,
    commandId,
    correlationId: correlationId ?? commandId,
    causationId: commandId,
    requestHash,
    ifMatch: ifMatch ? Number(ifMatch[1]) : undefined,
    idempotencyKey,
    recordedOn: shanghaiToday(request.receivedAt),
  };
}

/** The id of an aggregate a command creates: stable across retries of the same idempotent request. */
export const newAggregateId = (context: CommandContext, purpose = 'created'): string =>
  context.idempotencyKey ? uuidv5(`${purpose}:${context.commandId}`, CREATED_ID_NAMESPACE) : randomUUID();

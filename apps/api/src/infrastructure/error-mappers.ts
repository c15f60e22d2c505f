import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '@itp/event-store';
import { ReadStoreUnavailableError } from '@itp/read-store';
import {
  AlreadyExistsError,
  DomainValidationError,
  IllegalTransitionError,
  MissingExchangeRateError,
  NotFoundError,
} from '@itp/domain';
import { problem, ProblemException, type ErrorMapper } from '@itp/platform';
import {
  CityScopeError,
  ConcurrencyExhaustedError,
  UnitScopeError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  StreamIntegrityError,
} from '../shared/command-execution/command-errors';

/** Domain and store errors as RFC 9457 problems: the one place where each is given its status. */
export const errorMappers: ErrorMapper[] = [
  // Input the schema and the validation pipe accept (so not a 400) that a domain rule refuses: a date before the
  // previous milestone, an unknown investor, an amendment that changes nothing. 422, naming each field.
  (error) =>
    error instanceof DomainValidationError
      ? problem(422, 'rule-violation', 'Refused by a domain rule', { detail: error.message, errors: [...error.errors] })
      : undefined,
  (error) =>
    error instanceof IllegalTransitionError
      ? problem(409, 'illegal-transition', 'Illegal transition', {
          detail: error.message,
          currentStage: error.current,
          rule: error.rule,
        })
      : undefined,
  (error) =>
    error instanceof NotFoundError
      ? problem(404, 'not-found', 'Not found', { detail: error.message, kind: error.kind, id: error.id })
      : undefined,
  (error) =>
    error instanceof AlreadyExistsError
      ? problem(409, 'already-exists', 'Already exists', { detail: error.message })
      : undefined,
  (error) =>
    error instanceof MissingExchangeRateError
      ? problem(422, 'missing-exchange-rate', 'Missing exchange rate', {
          detail: `${error.message}; an admin must set one with POST /api/v1/exchange-rates.`,
          base: error.base,
          quote: error.quote,
          onDate: error.onDate,
        })
      : undefined,
  (error) =>
    error instanceof StaleRevisionError
      ? problem(412, 'stale-revision', 'Stale revision', {
          detail: error.message,
          expectedRevision: error.expected,
          currentRevision: error.actual,
        })
      : undefined,
  (error) =>
    error instanceof IdempotencyKeyReusedError
      ? problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', { detail: error.message })
      : undefined,
  // Deterministic event ids collide only when one key was used for two different commands on different streams.
  (error) =>
    error instanceof DuplicateEventIdError
      ? problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', {
          detail: 'This Idempotency-Key was already used for a different request.',
        })
      : undefined,
  (error) =>
    error instanceof CityScopeError
      ? problem(403, 'forbidden-city', "City outside the key's scope", { detail: error.message })
      : undefined,
  (error) =>
    error instanceof UnitScopeError
      ? problem(403, 'forbidden-unit', 'Not the registering unit', {
          detail: error.message,
          registeredByUnit: error.ownerUnit,
        })
      : undefined,
  (error) =>
    error instanceof ConcurrencyExhaustedError || error instanceof WrongExpectedRevisionError
      ? problem(409, 'concurrency-conflict', 'Concurrent modification', { detail: error.message })
      : undefined,
  // No retry can resolve a broken history: the problem names where it breaks, for the operators and auditors.
  (error) =>
    // 500, not 409: the stored history was changed behind the api's back. No request of the client can resolve
    // it and no retry will succeed (a 409 invites both); it is a fault of the server's data that operators must
    // see among the 5xx and act on (ADR 0008).
    error instanceof StreamIntegrityError
      ? problem(500, 'integrity-violation', 'Stored history is broken', {
          detail: `${error.message}. No command is decided on this stream until the history is restored.`,
          streamId: error.streamId,
          revision: error.revision,
        })
      : undefined,
  // The outcome of nothing acknowledged is lost: the client retries (with the same Idempotency-Key) later.
  (error) =>
    error instanceof EventStoreUnavailableError || error instanceof ReadStoreUnavailableError
      ? new ProblemException(
          problem(503, 'backend-unavailable', 'Backend unavailable', {
            detail: `${error instanceof EventStoreUnavailableError ? 'The event store' : 'The read store'} cannot be reached; nothing was acknowledged. Retry later with the same Idempotency-Key.`,
            backend: error instanceof EventStoreUnavailableError ? 'event-store' : 'read-store',
          }),
          { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        )
      : undefined,
];

/** What a 503 for an unreachable backend asks the client to wait. */
const RETRY_AFTER_SECONDS = 2;

/** `If-Match` named a revision the stream is no longer at: answered 412, nothing appended. */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | 'no_stream',
  ) {
    super(`If-Match revision ${expected} is stale: ${streamId} is at ${String(actual)}`);
  }
}

/** The Idempotency-Key was already used for a different request: answered 422, nothing appended. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly streamId: string) {
    super(`This Idempotency-Key was already used with a different request on ${streamId}`);
  }
}

/** Every retry met another writer on the same stream: answered 409, nothing appended. */
export class ConcurrencyExhaustedError extends Error {
  override readonly name = 'ConcurrencyExhaustedError';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`${streamId} kept changing during ${attempts} attempts; retry the command`);
  }
}

/** The caller's key is not scoped to the city of the aggregate: answered 403, nothing appended. */
export class CityScopeError extends Error {
  override readonly name = 'CityScopeError';
  constructor(
    readonly city: string,
    readonly unit: string,
  ) {
    super(`The key of unit "${unit}" is not scoped to city ${city}`);
  }
}

/**
 * A stream's stored history does not hold together (an event deleted, edited or inserted): nothing is decided
 * on it, and the problem names where it breaks, instead of a conflict that no retry could ever resolve.
 */
export class StreamIntegrityError extends Error {
  override readonly name = 'StreamIntegrityError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly reason: string,
  ) {
    super(`The stored history of ${streamId} is broken at revision ${revision}: ${reason}`);
  }
}

/** The caller's key is not of the unit that registered the aggregate (nor an admin's): answered 403, nothing appended. */
export class UnitScopeError extends Error {
  override readonly name = 'UnitScopeError';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly ownerUnit: string,
    readonly unit: string,
  ) {
    super(
      `The ${kind} ${id} was registered by unit "${ownerUnit}": only its keys and admins may change it, not the key of unit "${unit}"`,
    );
  }
}

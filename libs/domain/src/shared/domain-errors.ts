/**
 * The typed errors of the domain. The HTTP layer maps each class once:
 * DomainValidationError 400, IllegalTransitionError 409, NotFoundError 404, AlreadyExistsError 409,
 * MissingExchangeRateError 422 (the request is well formed; the rate table is not ready for it).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export type FieldError = { readonly field: string; readonly message: string };

/** The command is semantically invalid. Lists every problem found, each naming the field. */
export class DomainValidationError extends DomainError {
  override readonly name = 'DomainValidationError';
  readonly code = 'validation_failed';
  constructor(readonly errors: readonly FieldError[]) {
    super(`Invalid command: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }

  static single(field: string, message: string): DomainValidationError {
    return new DomainValidationError([{ field, message }]);
  }
}

/** The command is valid but not allowed in the aggregate's current stage or status. */
export class IllegalTransitionError extends DomainError {
  override readonly name = 'IllegalTransitionError';
  readonly code = 'illegal_transition';
  constructor(
    readonly aggregate: string,
    readonly id: string,
    /** The current status or stage, e.g. 'suspended' or 'negotiating'. */
    readonly current: string,
    /** The rule that forbids it, in plain words. */
    readonly rule: string,
  ) {
    super(`${aggregate} ${id} is ${current}: ${rule}`);
  }
}

/** Something the command refers to does not exist. */
export class NotFoundError extends DomainError {
  override readonly name: string = 'NotFoundError';
  readonly code: string = 'not_found';
  constructor(
    readonly kind: string,
    readonly id: string,
    message?: string,
  ) {
    super(message ?? `${kind} ${id} does not exist`);
  }
}

/** The aggregate (stream) the command addresses has never been created. */
export class AggregateNotFoundError extends NotFoundError {
  override readonly name = 'AggregateNotFoundError';
  override readonly code = 'aggregate_not_found';
}

/** A creation command for something that already exists. */
export class AlreadyExistsError extends DomainError {
  override readonly name = 'AlreadyExistsError';
  readonly code = 'already_exists';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`${kind} ${id} already exists`);
  }
}

/** A conversion was needed and no rate is effective on or before the date. Never silently defaulted. */
export class MissingExchangeRateError extends DomainError {
  override readonly name = 'MissingExchangeRateError';
  readonly code = 'missing_exchange_rate';
  constructor(
    readonly base: string,
    readonly quote: string,
    readonly onDate: string,
  ) {
    super(`No ${base}/${quote} exchange rate effective on or before ${onDate}`);
  }
}

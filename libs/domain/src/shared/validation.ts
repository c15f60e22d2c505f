import { DomainValidationError, type FieldError } from './domain-errors';
import { isLocalDate, type LocalDate } from './local-date';

/** Collects every problem of a command, then throws them all at once. */
export class FieldErrors {
  constructor(
    private readonly prefix = '',
    private readonly errors: FieldError[] = [],
  ) {}

  add(field: string, message: string): void {
    this.errors.push({ field: this.prefix + field, message });
  }

  /** The same collector, naming fields under `prefix` (e.g. 'changes' gives 'changes.city'). */
  nested(prefix: string): FieldErrors {
    return new FieldErrors(`${this.prefix}${prefix}.`, this.errors);
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new DomainValidationError([...this.errors]);
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

export const checkId = (errors: FieldErrors, field: string, value: unknown): value is string => {
  if (isId(value)) return true;
  errors.add(field, 'must be an id: 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');
  return false;
};

export const checkText = (errors: FieldErrors, field: string, value: unknown, maxLength = 500): value is string => {
  if (typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength) return true;
  errors.add(field, `must be a non-blank text of at most ${maxLength} characters`);
  return false;
};

export const checkOneOf = <T extends string>(
  errors: FieldErrors,
  field: string,
  value: unknown,
  allowed: readonly T[],
): value is T => {
  if (allowed.includes(value as T)) return true;
  errors.add(field, `must be one of ${allowed.join(', ')}`);
  return false;
};

export const checkDate = (errors: FieldErrors, field: string, value: unknown): value is LocalDate => {
  if (isLocalDate(value)) return true;
  errors.add(field, 'must be a calendar date YYYY-MM-DD');
  return false;
};

/**
 * A business date: valid, not after the day the command is recorded, not before `notBefore`
 * (the previous milestone), when those are known.
 */
export const checkBusinessDate = (
  errors: FieldErrors,
  field: string,
  value: unknown,
  recordedOn: unknown,
  notBefore?: { date: LocalDate | null; label: string },
): value is LocalDate => {
  if (!checkDate(errors, field, value)) return false;
  if (isLocalDate(recordedOn) && value > recordedOn) {
    errors.add(field, `must not be after the day it is recorded (${recordedOn})`);
    return false;
  }
  if (notBefore?.date && value < notBefore.date) {
    errors.add(field, `must not be before ${notBefore.label} (${notBefore.date})`);
    return false;
  }
  return true;
};

/** A set given as an array: every member from `allowed`, no duplicates; returned in catalogue order. */
export const checkCodeSet = <T extends string>(
  errors: FieldErrors,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T[] | undefined => {
  if (!Array.isArray(value)) {
    errors.add(field, 'must be an array');
    return undefined;
  }
  const unknown = value.filter((v) => !allowed.includes(v as T));
  if (unknown.length > 0) {
    errors.add(field, `unknown codes ${unknown.map(String).join(', ')}; allowed: ${allowed.join(', ')}`);
    return undefined;
  }
  if (new Set(value).size !== value.length) {
    errors.add(field, 'must not repeat a code');
    return undefined;
  }
  return allowed.filter((code) => value.includes(code));
};

import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, problem } from './problem-details';

/**
 * Flattens class-validator's tree into one entry per bad field, with the paths the domain uses too:
 * dotted for objects, brackets for array items (`totalInvestment.amount`, `introducers[1].share`).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export const invalidInput = (errors: { field: string; message: string }[]) =>
  new ProblemException(
    problem(400, 'invalid-input', 'Invalid input', {
      detail: `Invalid field(s): ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
      errors,
    }),
  );

/** Whitelisting, unknown fields rejected, every bad field named in one RFC 9457 answer. */
export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(flattenValidationErrors(errors)),
  });

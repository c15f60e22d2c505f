import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation-problem';

const error = (
  property: string,
  constraints: Record<string, string> = {},
  children: ValidationError[] = [],
): ValidationError => ({ property, constraints, children });

describe('flattenValidationErrors', () => {
  it('names nested object fields with dots and array items with brackets, as the domain does', () => {
    const tree = [
      error('totalInvestment', {}, [error('amount', { matches: 'amount must be a decimal string' })]),
      error('introducers', {}, [error('1', {}, [error('share', { matches: 'share must be a decimal string' })])]),
      error('colour', { whitelistValidation: 'property colour should not exist' }),
    ];
    expect(flattenValidationErrors(tree).map((e) => e.field)).toEqual([
      'totalInvestment.amount',
      'introducers[1].share',
      'colour',
    ]);
  });

  it('keeps one entry per broken constraint, with its message', () => {
    expect(
      flattenValidationErrors([
        error('name', { isString: 'name must be a string', isNotEmpty: 'name should not be empty' }),
      ]),
    ).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'name', message: 'name should not be empty' },
    ]);
  });
});

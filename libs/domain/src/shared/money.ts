import Big from 'big.js';
import { isPositiveDecimal, isDecimalString, type DecimalString } from './decimal';
import type { FieldErrors } from './validation';

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** An exact amount: at most 2 decimal places, never a float. Events carry it normalised to 2 places. */
export type Money = { readonly amount: DecimalString; readonly currency: Currency };

export const isCurrency = (value: unknown): value is Currency => CURRENCIES.includes(value as Currency);

/** Canonical form: exactly 2 decimal places ('2E8' never appears: inputs are validated first). */
export const normaliseMoney = (money: Money): Money => ({
  amount: new Big(money.amount).toFixed(2),
  currency: money.currency,
});

export const moneyEquals = (a: Money, b: Money): boolean => a.currency === b.currency && new Big(a.amount).eq(b.amount);

export const formatMoney = (money: Money): string => `${money.currency} ${new Big(money.amount).toFixed(2)}`;

/** Checks a Money at `field`; `allowZero` for cumulative figures such as investment completed to date. */
export const checkMoney = (errors: FieldErrors, field: string, value: unknown, allowZero = false): value is Money => {
  if (typeof value !== 'object' || value === null) {
    errors.add(field, 'must be an object { amount, currency }');
    return false;
  }
  const { amount, currency } = value as Record<string, unknown>;
  let ok = true;
  const valid = allowZero ? isDecimalString(amount, 2) : isPositiveDecimal(amount, 2);
  if (!valid) {
    errors.add(
      `${field}.amount`,
      `must be a ${allowZero ? 'non-negative' : 'positive'} decimal string with at most 2 decimal places and 15 integer digits`,
    );
    ok = false;
  }
  if (!isCurrency(currency)) {
    errors.add(`${field}.currency`, `must be one of ${CURRENCIES.join(', ')}`);
    ok = false;
  }
  return ok;
};

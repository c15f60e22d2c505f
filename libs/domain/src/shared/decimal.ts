import Big from 'big.js';

/** An exact decimal written as a string ('200000000.00', '0.33'). Never a JS number. */
export type DecimalString = string;

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** A plain non-negative decimal: digits, optional fraction, no sign, exponent or spaces. */
export const isDecimalString = (value: unknown, maxDecimals = 20, maxIntegerDigits = 15): value is DecimalString => {
  if (typeof value !== 'string') return false;
  const match = DECIMAL.exec(value);
  if (!match) return false;
  const decimals = match[2] ? match[2].length - 1 : 0;
  return decimals <= maxDecimals && match[1].length <= maxIntegerDigits;
};

export const isPositiveDecimal = (
  value: unknown,
  maxDecimals?: number,
  maxIntegerDigits?: number,
): value is DecimalString => isDecimalString(value, maxDecimals, maxIntegerDigits) && new Big(value).gt(0);

/** -1, 0 or 1. Exact. */
export const compareDecimals = (a: DecimalString, b: DecimalString): -1 | 0 | 1 => new Big(a).cmp(b) as -1 | 0 | 1;

export const sumDecimals = (values: readonly DecimalString[]): DecimalString =>
  values.reduce((sum, v) => sum.plus(v), new Big(0)).toString();

export const multiplyDecimals = (a: DecimalString, b: DecimalString): DecimalString => new Big(a).times(b).toString();

/** Divides to `decimals` places, rounding half to even. Only for display: counting never divides. */
export const divideDecimals = (a: DecimalString, b: DecimalString, decimals: number): DecimalString => {
  const Precise = Big();
  Precise.DP = 40;
  return new Precise(a).div(b).round(decimals, Big.roundHalfEven).toFixed(decimals);
};

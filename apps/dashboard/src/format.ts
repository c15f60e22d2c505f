/**
 * Formatting without floating point for the figures the officials check: amounts arrive as exact decimal
 * strings and are shown digit for digit, only grouped. Pure (no DOM), so the unit specs run it under Node.
 */

/** "951514627.33" -> "951,514,627.33"; "-1234" -> "-1,234"; anything not a plain decimal is returned as is. */
export const groupDigits = (decimal: string): string => {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(decimal);
  if (!match) return decimal;
  const [, sign, whole, fraction = ''] = match;
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + fraction;
};

/** For charts only (axis lengths): yuan in units of 100 million (亿元). */
export const toYi = (decimal: string): number => Math.round((Number(decimal) / 1e8) * 100) / 100;

/** Progress toward a target in percent, one decimal. */
export const percentOf = (counted: number, target: number): number =>
  target > 0 ? Math.round((counted / target) * 1000) / 10 : 0;

/** "2014-06" of a date; "2014-Q2" of a date. */
export const monthOf = (date: Date): string => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
export const quarterOf = (date: Date): string => `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;

export const isMonth = (value: string | null): value is string =>
  value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
export const isQuarter = (value: string | null): value is string => value !== null && /^\d{4}-Q[1-4]$/.test(value);
export const isYear = (value: string | null): value is string => value !== null && /^\d{4}$/.test(value);
export const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value);

/** A share of "0.7" as "70%" (display only: shares have at most a few decimals). */
export const sharePercent = (share: string): string => `${Number((Number(share) * 100).toFixed(4))}%`;

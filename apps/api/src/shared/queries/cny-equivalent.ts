import Big from 'big.js';
import { rateOn, type Money, type RateTable } from '@itp/domain';

export type CnyEquivalent =
  | {
      /** Rounded half to even to 2 places, for display. */
      amount: string;
      /** The exact product (USD × rate): what sums and shares are computed from. */
      exact: string;
      /** The rate used; null when the amount is already in CNY. */
      rate: { rate: string; effectiveOn: string } | null;
    }
  | { amount: null; reason: string };

/**
 * An amount in CNY. USD is converted with the latest USD/CNY rate effective on or before `onDate` or, with no
 * date (a project not yet registered), the latest rate of all. No rate: no amount, and the reason why.
 */
export const cnyEquivalent = (money: Money, onDate: string | null, table: RateTable): CnyEquivalent => {
  if (money.currency === 'CNY') {
    const amount = new Big(money.amount).toFixed(2);
    return { amount, exact: amount, rate: null };
  }
  const rate = onDate === null ? (table.rates.at(-1) ?? null) : rateOn(table, onDate);
  if (rate === null) {
    return {
      amount: null,
      reason: onDate === null ? 'no USD/CNY rate has been set' : `no USD/CNY rate effective on or before ${onDate}`,
    };
  }
  const exact = new Big(money.amount).times(rate.rate);
  return {
    amount: exact.round(2, Big.roundHalfEven).toFixed(2),
    exact: exactMoney(exact),
    rate: { rate: rate.rate, effectiveOn: rate.effectiveOn },
  };
};

/** An exact amount written out in full: every decimal it has, and never fewer than 2, never an exponent. */
export const exactMoney = (value: Big): string => value.toFixed(Math.max(2, value.c.length - value.e - 1));

/** Exact sum of decimal strings. */
export const sumExact = (values: readonly string[]): string =>
  exactMoney(values.reduce((sum, v) => sum.plus(v), new Big(0)));

/** For display: 2 places, half to even. */
export const toCents = (exact: string): string => new Big(exact).round(2, Big.roundHalfEven).toFixed(2);

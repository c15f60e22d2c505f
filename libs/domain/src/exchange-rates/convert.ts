import { divideDecimals, multiplyDecimals } from '../shared/decimal';
import { MissingExchangeRateError } from '../shared/domain-errors';
import type { LocalDate } from '../shared/local-date';
import { normaliseMoney, type Currency, type Money } from '../shared/money';
import { rateOn, type ExchangeRate, type RateTable } from './rate-table';

export type Conversion = {
  readonly from: Money;
  /** Rounded to 2 places, half to even: for display. Decisions compare `exactAmount` or never convert this way. */
  readonly to: Money;
  /** USD→CNY: the exact product. CNY→USD: the quotient to 10 places, rounded half to even. */
  readonly exactAmount: string;
  /** The rate used: the latest effective on or before the date; null when no conversion was needed. */
  readonly rate: ExchangeRate | null;
};

/** The rate to use on `onDate`, or a MissingExchangeRateError: never a silent default. */
export const requireRate = (table: RateTable, onDate: LocalDate): ExchangeRate => {
  const rate = rateOn(table, onDate);
  if (!rate) throw new MissingExchangeRateError('USD', 'CNY', onDate);
  return rate;
};

/** Converts with the USD/CNY rate in force on `onDate` (the latest effective on or before it). */
export const convert = (money: Money, toCurrency: Currency, onDate: LocalDate, table: RateTable): Conversion => {
  if (money.currency === toCurrency) {
    const same = normaliseMoney(money);
    return { from: same, to: same, exactAmount: same.amount, rate: null };
  }
  const rate = requireRate(table, onDate);
  const exactAmount =
    toCurrency === 'CNY' ? multiplyDecimals(money.amount, rate.rate) : divideDecimals(money.amount, rate.rate, 10);
  return {
    from: normaliseMoney(money),
    to: { amount: divideDecimals(exactAmount, '1', 2), currency: toCurrency },
    exactAmount,
    rate,
  };
};

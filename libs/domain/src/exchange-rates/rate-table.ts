import type { DecimalString } from '../shared/decimal';
import type { LocalDate } from '../shared/local-date';
import type { ExchangeRateEvent } from './exchange-rates.events';

/** One dated rate: 1 base = rate quote, from effectiveOn until the next later entry. */
export type ExchangeRate = {
  readonly base: 'USD';
  readonly quote: 'CNY';
  readonly rate: DecimalString;
  readonly effectiveOn: LocalDate;
};

/** The rates in force, ascending by effectiveOn, one per date. Plain data: handlers pass it into decide. */
export type RateTable = { readonly rates: readonly ExchangeRate[] };

export const emptyRateTable = (): RateTable => ({ rates: [] });

export const addRate = (table: RateTable, rate: ExchangeRate): RateTable => ({
  rates: [...table.rates.filter((r) => r.effectiveOn !== rate.effectiveOn), rate].sort((a, b) =>
    a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0,
  ),
});

/** Folds the `exchange-rates` stream into the table the project decider needs. */
export const rateTable = (events: readonly ExchangeRateEvent[]): RateTable =>
  events.reduce((table, event) => {
    const { base, quote, rate, effectiveOn } = event.data;
    return addRate(table, { base, quote, rate, effectiveOn });
  }, emptyRateTable());

/** The latest rate effective on or before `onDate`, or null. */
export const rateOn = (table: RateTable, onDate: LocalDate): ExchangeRate | null =>
  table.rates.filter((r) => r.effectiveOn <= onDate).at(-1) ?? null;

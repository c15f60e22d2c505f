import type { ExchangeRateEvent } from './exchange-rates.events';
import { addRate, emptyRateTable, type RateTable } from './rate-table';

/** The single `exchange-rates` stream: empty until the first rate is set. */
export type ExchangeRates = { readonly status: 'empty' } | { readonly status: 'published'; readonly table: RateTable };

export const initialExchangeRatesState = (): ExchangeRates => ({ status: 'empty' });

export const evolveExchangeRates = (state: ExchangeRates, event: ExchangeRateEvent): ExchangeRates => {
  switch (event.type) {
    case 'ExchangeRateSet': {
      const table = state.status === 'published' ? state.table : emptyRateTable();
      const { base, quote, rate, effectiveOn } = event.data;
      return { status: 'published', table: addRate(table, { base, quote, rate, effectiveOn }) };
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`Unknown exchange-rate event ${String(unknown)}`);
    }
  }
};

export const rateTableOf = (state: ExchangeRates): RateTable =>
  state.status === 'published' ? state.table : emptyRateTable();

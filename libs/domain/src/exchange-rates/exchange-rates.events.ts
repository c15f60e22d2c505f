import type { DomainEvent } from '../shared/messages';
import { eventCatalogue, FIRST_SCHEMA } from '../shared/event-catalogue';
import type { DecimalString } from '../shared/decimal';
import type { LocalDate } from '../shared/local-date';

export const EXCHANGE_RATES_STREAM_ID = 'exchange-rates';

export type ExchangeRateSet = DomainEvent<
  'ExchangeRateSet',
  {
    base: 'USD';
    quote: 'CNY';
    rate: DecimalString;
    effectiveOn: LocalDate;
    source: string | null;
    /** The rate this one replaces for the same effective date, if any; then `reason` says why. */
    supersedes: DecimalString | null;
    reason: string | null;
  }
>;

export type ExchangeRateEvent = ExchangeRateSet;

export type ExchangeRateEventType = ExchangeRateEvent['type'];
export const EXCHANGE_RATE_EVENTS = eventCatalogue<ExchangeRateEvent>({ ExchangeRateSet: FIRST_SCHEMA });

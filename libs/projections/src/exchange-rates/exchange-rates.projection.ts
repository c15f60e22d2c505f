import type { RecordedEvent } from '@itp/event-store';
import { EXCHANGE_RATE_EVENTS, type ExchangeRateEvent } from '@itp/domain';
import type { Projection } from '../projection';
import { domainEvent } from '../shared/domain-event';
import { USD_CNY_DOCUMENT_ID, type ExchangeRatesDocument } from './exchange-rates.document';

const evolve = (document: ExchangeRatesDocument | null, recorded: RecordedEvent): ExchangeRatesDocument | null => {
  const event = domainEvent<ExchangeRateEvent>(recorded);
  const { rate, effectiveOn, source, supersedes, reason } = event.data;
  const { recordedAt } = recorded;
  const doc: ExchangeRatesDocument = document ?? {
    _id: USD_CNY_DOCUMENT_ID,
    base: 'USD',
    quote: 'CNY',
    rates: [],
    corrections: [],
    updatedAt: recordedAt,
  };
  const rates = [
    ...doc.rates.filter((r) => r.effectiveOn !== effectiveOn),
    { effectiveOn, rate, source, recordedAt },
  ].sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : 1));
  const corrections =
    supersedes === null ? doc.corrections : [...doc.corrections, { effectiveOn, rate, supersedes, reason, recordedAt }];
  return { ...doc, rates, corrections, updatedAt: recordedAt };
};

/** The USD/CNY table, for the CNY equivalents the queries show (the latest rate on or before a date). */
export const exchangeRatesProjection: Projection<ExchangeRatesDocument> = {
  name: 'exchange-rates',
  version: 1,
  collection: 'exchange_rates',
  handles: new Set<string>(EXCHANGE_RATE_EVENTS.types),
  documentIds: () => [USD_CNY_DOCUMENT_ID],
  evolve,
  // One document, always read by its _id.
  indexes: [],
};

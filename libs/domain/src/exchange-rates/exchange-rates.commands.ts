import type { Command } from '../shared/messages';
import type { DecimalString } from '../shared/decimal';
import type { LocalDate } from '../shared/local-date';

/** The only pair the platform needs: USD priced in CNY (1 USD = rate CNY). */
export type RatePair = { readonly base: 'USD'; readonly quote: 'CNY' };

/**
 * Sets the USD/CNY rate effective from `effectiveOn` until the next later rate.
 * Setting a date that already has a different rate is a correction and needs `reason`.
 */
export type SetExchangeRate = Command<
  'SetExchangeRate',
  RatePair & {
    rate: DecimalString;
    effectiveOn: LocalDate;
    /** Source of the figure, e.g. 'PBOC central parity'. */
    source?: string;
    reason?: string;
    recordedOn: LocalDate;
  }
>;

export type ExchangeRateCommand = SetExchangeRate;

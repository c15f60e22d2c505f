import { compareDecimals, isPositiveDecimal } from '../shared/decimal';
import { checkBusinessDate, checkText, FieldErrors } from '../shared/validation';
import type { ExchangeRateCommand, SetExchangeRate } from './exchange-rates.commands';
import type { ExchangeRateEvent, ExchangeRateSet } from './exchange-rates.events';
import {
  evolveExchangeRates,
  initialExchangeRatesState,
  rateTableOf,
  type ExchangeRates,
} from './exchange-rates.state';
import type { Decider } from '../shared/messages';

/** Rates are decimals > 0 with up to 6 places (PBOC central parity has 4), never floats. */
export const RATE_MAX_DECIMALS = 6;

const setExchangeRate = ({ data }: SetExchangeRate, state: ExchangeRates): ExchangeRateSet[] => {
  const errors = new FieldErrors();
  if (data.base !== 'USD') errors.add('base', 'must be USD');
  if (data.quote !== 'CNY') errors.add('quote', 'must be CNY');
  if (!isPositiveDecimal(data.rate, RATE_MAX_DECIMALS, 6)) {
    errors.add('rate', `must be a decimal string > 0 with at most ${RATE_MAX_DECIMALS} decimal places`);
  }
  checkBusinessDate(errors, 'effectiveOn', data.effectiveOn, data.recordedOn);
  if (data.source !== undefined) checkText(errors, 'source', data.source, 200);
  if (data.reason !== undefined) checkText(errors, 'reason', data.reason);
  errors.throwIfAny();

  const existing = rateTableOf(state).rates.find((r) => r.effectiveOn === data.effectiveOn);
  if (existing && compareDecimals(existing.rate, data.rate) === 0) return []; // same fact again: nothing new
  if (existing && data.reason === undefined) {
    errors.add('reason', `a rate ${existing.rate} is already set for ${data.effectiveOn}; replacing it needs a reason`);
    errors.throwIfAny();
  }
  return [
    {
      type: 'ExchangeRateSet',
      data: {
        base: 'USD',
        quote: 'CNY',
        rate: data.rate,
        effectiveOn: data.effectiveOn,
        source: data.source ?? null,
        supersedes: existing?.rate ?? null,
        reason: data.reason ?? null,
      },
    },
  ];
};

export const decideExchangeRates = (command: ExchangeRateCommand, state: ExchangeRates): ExchangeRateEvent[] => {
  switch (command.type) {
    case 'SetExchangeRate':
      return setExchangeRate(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`Unknown exchange-rate command ${String(unknown)}`);
    }
  }
};

export const exchangeRatesDecider: Decider<ExchangeRateCommand, ExchangeRateEvent, ExchangeRates> = {
  initialState: initialExchangeRatesState,
  decide: (command, state) => decideExchangeRates(command, state),
  evolve: evolveExchangeRates,
};

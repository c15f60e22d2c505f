import { DomainValidationError } from '../shared/domain-errors';
import { specFor } from '../testing/given-when-then';
import { rateSet } from '../testing/project-fixtures';
import type { SetExchangeRate } from './exchange-rates.commands';
import { exchangeRatesDecider } from './exchange-rates.decide';

const given = specFor(exchangeRatesDecider);

const setRate = (
  rate: string,
  effectiveOn = '2014-01-02',
  extra: Partial<SetExchangeRate['data']> = {},
): SetExchangeRate => ({
  type: 'SetExchangeRate',
  data: { base: 'USD', quote: 'CNY', rate, effectiveOn, recordedOn: '2014-06-30', ...extra },
});

describe('SetExchangeRate', () => {
  describe('when no rate is set', () => {
    it('sets the rate', () => given().when(setRate('6.1000')).then(rateSet('6.1000', '2014-01-02')));

    it('keeps the source', () =>
      given()
        .when(setRate('6.1000', '2014-01-02', { source: 'PBOC central parity' }))
        .then({
          ...rateSet('6.1000', '2014-01-02'),
          data: { ...rateSet('6.1000', '2014-01-02').data, source: 'PBOC central parity' },
        }));

    it.each(['0', '-6.1', '6.1e0', '6,10', '6.1234567', ' 6.1'])('refuses rate %p', (rate) =>
      given()
        .when(setRate(rate))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('rate')),
    );

    it('refuses a float', () =>
      given()
        .when(setRate(6.1 as never))
        .then(DomainValidationError));

    it('refuses another pair', () =>
      given()
        .when(setRate('0.16', '2014-01-02', { base: 'CNY' as never, quote: 'USD' as never }))
        .then(DomainValidationError, (e) => expect(e.errors.map((x) => x.field)).toEqual(['base', 'quote'])));

    it('refuses a rate effective after the day it is recorded', () =>
      given()
        .when(setRate('6.1', '2014-07-01'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('effectiveOn')));
  });

  describe('when a rate is set for the date', () => {
    it('ignores the same rate again, however written', () =>
      given(rateSet('6.1000', '2014-01-02')).when(setRate('6.1')).then([]));

    it('requires a reason to replace it', () =>
      given(rateSet('6.1000', '2014-01-02'))
        .when(setRate('6.1100'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('reason')));

    it('replaces it with a reason, naming the rate superseded', () =>
      given(rateSet('6.1000', '2014-01-02'))
        .when(setRate('6.1100', '2014-01-02', { reason: 'typo in the bulletin' }))
        .then({
          type: 'ExchangeRateSet',
          data: {
            base: 'USD',
            quote: 'CNY',
            rate: '6.1100',
            effectiveOn: '2014-01-02',
            source: null,
            supersedes: '6.1000',
            reason: 'typo in the bulletin',
          },
        }));
  });

  describe('when another date has a rate', () => {
    it('sets the new date without a reason', () =>
      given(rateSet('6.1000', '2014-01-02')).when(setRate('6.2', '2014-04-01')).then(rateSet('6.2', '2014-04-01')));
  });
});

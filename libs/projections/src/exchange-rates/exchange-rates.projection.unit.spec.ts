import type { ExchangeRateSet } from '@itp/domain';
import { eventLog } from '../testing/recorded-events';
import { fold, replays } from '../testing/fold';
import { exchangeRatesProjection as projection } from './exchange-rates.projection';
import type { ExchangeRatesDocument } from './exchange-rates.document';

const rateSet = (rate: string, effectiveOn: string, supersedes: string | null = null): ExchangeRateSet => ({
  type: 'ExchangeRateSet',
  data: {
    base: 'USD',
    quote: 'CNY',
    rate,
    effectiveOn,
    source: 'PBOC',
    supersedes,
    reason: supersedes ? 'wrong digit' : null,
  },
});

describe('exchange rates', () => {
  describe('given rates set out of date order and one corrected', () => {
    const log = eventLog();
    log.record('exchange-rates', [
      rateSet('6.2000', '2014-04-01'),
      rateSet('6.1000', '2014-01-02'),
      rateSet('6.1500', '2014-04-01', '6.2000'),
    ]);
    let doc: ExchangeRatesDocument;
    beforeAll(async () => {
      [doc] = await fold(projection, log.events);
    });

    it('keeps one rate per date, ascending, the correction in force', () =>
      expect(doc.rates.map((r) => [r.effectiveOn, r.rate])).toEqual([
        ['2014-01-02', '6.1000'],
        ['2014-04-01', '6.1500'],
      ]));

    it('keeps the correction with what it superseded and why', () =>
      expect(doc.corrections).toEqual([
        expect.objectContaining({
          effectiveOn: '2014-04-01',
          rate: '6.1500',
          supersedes: '6.2000',
          reason: 'wrong digit',
        }),
      ]));

    it('gives the same document when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });
});

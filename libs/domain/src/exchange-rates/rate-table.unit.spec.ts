import { MissingExchangeRateError } from '../shared/domain-errors';
import { rateSet } from '../testing/project-fixtures';
import { convert } from './convert';
import { rateOn, rateTable } from './rate-table';

const table = rateTable([
  rateSet('6.2000', '2014-04-01'),
  rateSet('6.1000', '2014-01-02'),
  rateSet('6.1500', '2014-04-01'),
]);

describe('rateTable', () => {
  it('keeps one rate per date, the last set, in date order', () =>
    expect(table.rates.map((r) => [r.effectiveOn, r.rate])).toEqual([
      ['2014-01-02', '6.1000'],
      ['2014-04-01', '6.1500'],
    ]));

  it('picks the latest rate effective on or before the date', () => {
    expect(rateOn(table, '2014-01-01')).toBeNull();
    expect(rateOn(table, '2014-01-02')?.rate).toBe('6.1000');
    expect(rateOn(table, '2014-03-31')?.rate).toBe('6.1000');
    expect(rateOn(table, '2014-04-01')?.rate).toBe('6.1500');
    expect(rateOn(table, '2015-01-01')?.rate).toBe('6.1500');
  });
});

describe('convert', () => {
  it('converts USD to CNY exactly and names the rate', () =>
    expect(convert({ amount: '30000000.01', currency: 'USD' }, 'CNY', '2014-05-01', table)).toEqual({
      from: { amount: '30000000.01', currency: 'USD' },
      to: { amount: '184500000.06', currency: 'CNY' },
      exactAmount: '184500000.0615',
      rate: { base: 'USD', quote: 'CNY', rate: '6.1500', effectiveOn: '2014-04-01' },
    }));

  it('converts CNY to USD, rounding half to even for display', () => {
    const result = convert({ amount: '100.00', currency: 'CNY' }, 'USD', '2014-02-01', table);
    expect(result.to).toEqual({ amount: '16.39', currency: 'USD' });
    expect(result.exactAmount).toBe('16.3934426230');
  });

  it('needs no rate for the same currency', () =>
    expect(convert({ amount: '5', currency: 'CNY' }, 'CNY', '2000-01-01', rateTable([]))).toEqual({
      from: { amount: '5.00', currency: 'CNY' },
      to: { amount: '5.00', currency: 'CNY' },
      exactAmount: '5.00',
      rate: null,
    }));

  it('throws a typed error when no rate is in force, never a default', () =>
    expect(() => convert({ amount: '5', currency: 'USD' }, 'CNY', '2014-01-01', table)).toThrow(
      MissingExchangeRateError,
    ));
});

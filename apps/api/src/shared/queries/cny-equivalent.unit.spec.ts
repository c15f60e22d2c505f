import Big from 'big.js';
import { rateTable } from '@itp/domain';
import { FLAT_RATE_EVENTS } from '@itp/domain/testing/project-events';
import { cnyEquivalent, exactMoney, sumExact } from './cny-equivalent';

const table = rateTable(FLAT_RATE_EVENTS); // USD/CNY 6.1000 from 2014-01-02

describe('CNY equivalents', () => {
  it('keeps CNY as it is, with no rate', () =>
    expect(cnyEquivalent({ amount: '199999999.99', currency: 'CNY' }, '2014-03-01', table)).toEqual({
      amount: '199999999.99',
      exact: '199999999.99',
      rate: null,
    }));

  it('converts USD exactly at the rate in force on the date', () =>
    // 29,999,999.99 x 6.1000 = 182,999,999.939
    expect(cnyEquivalent({ amount: '29999999.99', currency: 'USD' }, '2014-03-01', table)).toEqual({
      amount: '182999999.94',
      exact: '182999999.939',
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
    }));

  it('uses the latest rate when there is no date', () =>
    expect(cnyEquivalent({ amount: '1.00', currency: 'USD' }, null, table).amount).toBe('6.10'));

  it('gives the reason instead of an amount when no rate is in force', () =>
    expect(cnyEquivalent({ amount: '1.00', currency: 'USD' }, '2013-12-31', table)).toEqual({
      amount: null,
      reason: 'no USD/CNY rate effective on or before 2013-12-31',
    }));

  it('writes exact amounts in full, never fewer than 2 decimals', () => {
    expect([exactMoney(new Big('1e9')), exactMoney(new Big('0.333333')), sumExact(['0.1', '0.2'])]).toEqual([
      '1000000000.00',
      '0.333333',
      '0.30',
    ]);
  });
});

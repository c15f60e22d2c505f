import fc from 'fast-check';
import Big from 'big.js';
import { rateTable } from '../../exchange-rates/rate-table';
import { rateSet } from '../../testing/project-fixtures';
import { evaluateThreshold } from './evaluate-threshold';
import { MAJOR_PROJECT_RULES_2014, rulesInForce, type MajorProjectRules } from './major-project-rules';

const cents = (n: bigint) => new Big(n.toString()).div(100).toFixed(2);

describe('major-project rules', () => {
  it('are versioned data, picked by business date', () => {
    const later: MajorProjectRules = { ...MAJOR_PROJECT_RULES_2014, version: '2015-01', effectiveFrom: '2015-01-01' };
    expect(rulesInForce('2014-12-31', [later, MAJOR_PROJECT_RULES_2014])?.version).toBe('2014-01');
    expect(rulesInForce('2015-01-01', [MAJOR_PROJECT_RULES_2014, later])?.version).toBe('2015-01');
    expect(rulesInForce('2013-12-31')).toBeNull();
  });

  it('hold the 2014 thresholds of the work plan', () =>
    expect(MAJOR_PROJECT_RULES_2014).toMatchObject({
      transferThreshold: {
        domestic: { amount: '200000000.00', currency: 'CNY' },
        foreign: { amount: '30000000.00', currency: 'USD' },
      },
      xiangnan: { cities: ['430400', '431000', '431100'], threshold: { amount: '50000000.00', currency: 'USD' } },
    }));

  it('qualify a CNY amount exactly when it is at least the USD threshold × rate (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.bigInt({ min: 10000n, max: 99999n }),
        (amountCents, rateTenThousandths) => {
          const rate = new Big(rateTenThousandths.toString()).div(10000).toFixed(4);
          const table = rateTable([rateSet(rate, '2014-01-01')]);
          const amount = { amount: cents(amountCents), currency: 'CNY' as const };
          const evaluation = evaluateThreshold(
            'xiangnan_major_project',
            'v',
            { amount: '50000000.00', currency: 'USD' },
            amount,
            '2014-06-01',
            table,
          );
          // integer arithmetic: amountCents * 10^4 >= 5e9 cents * rate * 10^4
          const expected = amountCents * 10000n >= 5000000000n * rateTenThousandths;
          return evaluation.qualifies === expected && evaluation.rate?.rate === rate;
        },
      ),
    );
  });
});

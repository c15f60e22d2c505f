import { DomainValidationError, IllegalTransitionError, MissingExchangeRateError } from '../../shared/domain-errors';
import type { Money } from '../../shared/money';
import { emptyRateTable } from '../../exchange-rates/rate-table';
import type { RecordBusinessRegistration } from '../project.commands';
import type { ProjectBusinessRegistered } from '../project.events';
import {
  CONTEXT,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  stageAdvanced,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const register = (registeredOn = '2014-05-01'): RecordBusinessRegistration => ({
  type: 'RecordBusinessRegistration',
  data: { projectId: PROJECT_ID, registeredOn, recordedOn: TODAY },
});

const signed = (capitalType: 'domestic' | 'foreign', totalInvestment: Money) => [
  projectRegistered({ capitalType, totalInvestment }),
  contractSigned('2014-03-01'),
];

const evaluationOf = (capitalType: 'domestic' | 'foreign', amount: Money, registeredOn = '2014-05-01') => {
  const [event] = given(...signed(capitalType, amount))
    .when(register(registeredOn))
    .decide() as ProjectBusinessRegistered[];
  return event.data;
};

describe('RecordBusinessRegistration', () => {
  describe('when the contract is signed', () => {
    it('records the registration, counted, with the rule that decided it', () =>
      given(...signed('domestic', { amount: '200000000.00', currency: 'CNY' }))
        .when(register())
        .then({
          type: 'ProjectBusinessRegistered',
          data: {
            projectId: PROJECT_ID,
            registeredOn: '2014-05-01',
            targetYear: 2014,
            investorId: 'inv-lens',
            city: '430100',
            capitalType: 'domestic',
            totalInvestment: { amount: '200000000.00', currency: 'CNY' },
            introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
            countsTowardTarget: true,
            evaluation: {
              rule: 'transfer_target_domestic',
              rulesVersion: '2014-01',
              threshold: { amount: '200000000.00', currency: 'CNY' },
              amount: { amount: '200000000.00', currency: 'CNY' },
              comparedIn: 'CNY',
              amountCompared: '200000000.00',
              thresholdCompared: '200000000.00',
              rate: null,
              evaluatedOn: '2014-05-01',
              qualifies: true,
              explanation: expect.stringContaining('qualifies'),
            },
          },
        }));

    it('does not count CNY 199,999,999.99 of domestic capital', () => {
      const data = evaluationOf('domestic', { amount: '199999999.99', currency: 'CNY' });
      expect(data.countsTowardTarget).toBe(false);
      expect(data.evaluation.explanation).toContain('does not qualify');
    });

    it('counts USD 30,000,000.00 of foreign capital and not USD 29,999,999.99', () => {
      expect(evaluationOf('foreign', { amount: '30000000.00', currency: 'USD' })).toMatchObject({
        countsTowardTarget: true,
        evaluation: {
          rule: 'transfer_target_foreign',
          threshold: { amount: '30000000.00', currency: 'USD' },
          rate: null,
        },
      });
      expect(evaluationOf('foreign', { amount: '29999999.99', currency: 'USD' }).countsTowardTarget).toBe(false);
    });

    it('compares foreign capital given in CNY with the USD threshold at the latest rate on or before the date', () => {
      // 30M × 6.2000 (effective 2014-04-01) = 186,000,000
      expect(evaluationOf('foreign', { amount: '186000000.00', currency: 'CNY' })).toMatchObject({
        countsTowardTarget: true,
        evaluation: {
          comparedIn: 'CNY',
          amountCompared: '186000000.00',
          thresholdCompared: '186000000',
          rate: { base: 'USD', quote: 'CNY', rate: '6.2000', effectiveOn: '2014-04-01' },
        },
      });
      expect(evaluationOf('foreign', { amount: '185999999.99', currency: 'CNY' }).countsTowardTarget).toBe(false);
      // before 2014-04-01 the 6.1000 rate applies: 183,000,000
      expect(evaluationOf('foreign', { amount: '183000000.00', currency: 'CNY' }, '2014-03-31')).toMatchObject({
        countsTowardTarget: true,
        evaluation: { rate: { rate: '6.1000', effectiveOn: '2014-01-02' } },
      });
    });

    it('compares domestic capital given in USD in CNY, exactly', () => {
      // 32,258,064.52 × 6.2 = 200,000,000.024; 32,258,064.51 × 6.2 = 199,999,999.962
      expect(evaluationOf('domestic', { amount: '32258064.52', currency: 'USD' }).countsTowardTarget).toBe(true);
      expect(evaluationOf('domestic', { amount: '32258064.51', currency: 'USD' }).evaluation).toMatchObject({
        amountCompared: '199999999.962',
        qualifies: false,
      });
    });

    it('fails with a typed error when a conversion is needed and no rate is in force', () => {
      given(...signed('foreign', { amount: '186000000.00', currency: 'CNY' }))
        .when(register(), { ...CONTEXT, exchangeRates: emptyRateTable() })
        .then(MissingExchangeRateError, (e) =>
          expect([e.base, e.quote, e.onDate]).toEqual(['USD', 'CNY', '2014-05-01']),
        );
      // rules in force from 2014-01-01, first rate effective 2014-01-02
      given(
        projectRegistered({
          capitalType: 'foreign',
          totalInvestment: { amount: '186000000.00', currency: 'CNY' },
          identifiedOn: '2013-11-01',
        }),
        contractSigned('2013-12-20'),
      )
        .when(register('2014-01-01'))
        .then(MissingExchangeRateError);
    });

    it('needs no rate when the currencies match', () =>
      expect(
        given(...signed('domestic', { amount: '300000000.00', currency: 'CNY' }))
          .when(register(), { ...CONTEXT, exchangeRates: emptyRateTable() })
          .decide(),
      ).toHaveLength(1));

    it('refuses a date with no rules in force', () =>
      given(projectRegistered({ identifiedOn: '2013-01-05' }), contractSigned('2013-06-01'))
        .when(register('2013-12-31'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('registeredOn')));

    it('refuses a registration before the signing, or after the day it is recorded', () => {
      given(...signed('domestic', { amount: '1.00', currency: 'CNY' }))
        .when(register('2014-02-28'))
        .then(DomainValidationError);
      given(...signed('domestic', { amount: '1.00', currency: 'CNY' }))
        .when(register('2014-07-01'))
        .then(DomainValidationError);
    });
  });

  describe('when the project has landed', () => {
    it('may be dated before the landing: registration is its own milestone', () =>
      expect(
        given(projectRegistered(), contractSigned('2014-03-01'), stageAdvanced('signed', 'landed', '2014-04-10'))
          .when(register('2014-03-20'))
          .decide(),
      ).toHaveLength(1));
  });

  describe('when the registration is already recorded', () => {
    it('refuses a second one', () => {
      const history = [...signed('domestic', { amount: '1.00', currency: 'CNY' })];
      const [first] = given(...history)
        .when(register())
        .decide();
      given(...history, first)
        .when(register('2014-05-02'))
        .then(IllegalTransitionError, (e) => expect(e.rule).toContain('already'));
    });
  });

  describe('when the contract is not signed', () => {
    it('refuses the registration', () =>
      given(projectRegistered({ stage: 'negotiating' }))
        .when(register())
        .then(IllegalTransitionError, (e) => expect(e.current).toBe('negotiating')));
  });

  describe('when the project is suspended', () => {
    it('refuses it until resumed', () =>
      given(projectRegistered(), contractSigned(), suspended()).when(register()).then(IllegalTransitionError));
  });
});

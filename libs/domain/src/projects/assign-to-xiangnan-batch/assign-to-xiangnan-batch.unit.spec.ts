import { DomainValidationError, IllegalTransitionError, MissingExchangeRateError } from '../../shared/domain-errors';
import type { Money } from '../../shared/money';
import { emptyRateTable } from '../../exchange-rates/rate-table';
import type { AssignToXiangnanBatch } from '../project.commands';
import type { ProjectAssignedToXiangnanBatch } from '../project.events';
import {
  CONTEXT,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const assign = (batch = 3, assignedOn = '2014-05-20'): AssignToXiangnanBatch => ({
  type: 'AssignToXiangnanBatch',
  data: { projectId: PROJECT_ID, batch, assignedOn, recordedOn: TODAY },
});

const inChenzhou = (totalInvestment: Money) => projectRegistered({ city: '431000', totalInvestment });

const outcome = (totalInvestment: Money, assignedOn = '2014-05-20') => {
  const [event] = given(inChenzhou(totalInvestment))
    .when(assign(3, assignedOn))
    .decide() as ProjectAssignedToXiangnanBatch[];
  return event.data;
};

describe('AssignToXiangnanBatch', () => {
  describe('when the project is in Chenzhou', () => {
    it('assigns it to batch 3 as a major project at USD 50,000,000.00', () =>
      expect(outcome({ amount: '50000000.00', currency: 'USD' })).toEqual({
        projectId: PROJECT_ID,
        batch: 3,
        assignedOn: '2014-05-20',
        city: '431000',
        qualifiesAsMajor: true,
        evaluation: expect.objectContaining({
          rule: 'xiangnan_major_project',
          rulesVersion: '2014-01',
          rate: null,
          qualifies: true,
        }),
      }));

    it('compares a CNY amount with the RMB equivalent at the rate in force on the assignment', () => {
      // USD 50M × 6.2000 (effective 2014-04-01) = CNY 310,000,000
      expect(outcome({ amount: '310000000.00', currency: 'CNY' })).toMatchObject({
        qualifiesAsMajor: true,
        evaluation: {
          comparedIn: 'CNY',
          thresholdCompared: '310000000',
          rate: { base: 'USD', quote: 'CNY', rate: '6.2000', effectiveOn: '2014-04-01' },
        },
      });
      expect(outcome({ amount: '309999999.99', currency: 'CNY' }).qualifiesAsMajor).toBe(false);
      // on 2014-03-31 the 6.1000 rate applies: CNY 305,000,000 is enough
      expect(outcome({ amount: '305000000.00', currency: 'CNY' }, '2014-03-31').qualifiesAsMajor).toBe(true);
    });

    it('still assigns a smaller project, recorded as not major', () =>
      expect(outcome({ amount: '49999999.99', currency: 'USD' }).qualifiesAsMajor).toBe(false));

    it('fails with a typed error when no rate is in force', () =>
      given(inChenzhou({ amount: '310000000.00', currency: 'CNY' }))
        .when(assign(), { ...CONTEXT, exchangeRates: emptyRateTable() })
        .then(MissingExchangeRateError));

    it.each([0, 1.5, -1, 100])('refuses batch %p', (batch) =>
      given(inChenzhou({ amount: '1.00', currency: 'USD' }))
        .when(assign(batch))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('batch')),
    );

    it('refuses a second assignment', () => {
      const first = given(inChenzhou({ amount: '1.00', currency: 'USD' }))
        .when(assign(3))
        .decide();
      given(inChenzhou({ amount: '1.00', currency: 'USD' }), ...first)
        .when(assign(4))
        .then(IllegalTransitionError);
    });
  });

  describe('when the project is in Changsha', () => {
    it('refuses: only Hengyang, Chenzhou and Yongzhou are in the zone', () =>
      given(projectRegistered({ city: '430100' }))
        .when(assign())
        .then(IllegalTransitionError, (e) => expect(e.current).toBe('in Changsha (430100)')));
  });

  describe('when the project is suspended', () => {
    it('refuses', () =>
      given(inChenzhou({ amount: '1.00', currency: 'USD' }), contractSigned(), suspended())
        .when(assign())
        .then(IllegalTransitionError));
  });
});

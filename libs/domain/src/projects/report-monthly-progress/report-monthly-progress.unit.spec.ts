import { DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { ReportMonthlyProgress } from '../project.commands';
import type { ProjectEvent } from '../project.events';
import {
  abandoned,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const report = (
  month: string,
  amount: string,
  correctionReason?: string,
  currency: 'CNY' | 'USD' = 'CNY',
): ReportMonthlyProgress => ({
  type: 'ReportMonthlyProgress',
  data: {
    projectId: PROJECT_ID,
    month,
    investmentCompletedToDate: { amount, currency },
    recordedOn: TODAY,
    ...(correctionReason ? { correctionReason } : {}),
  },
});

const reported = (month: string, amount: string): ProjectEvent => ({
  type: 'ProjectMonthlyProgressReported',
  data: { projectId: PROJECT_ID, month, investmentCompletedToDate: { amount, currency: 'CNY' } },
});

const fields = (e: DomainValidationError) => e.errors.map((x) => x.field);

describe('ReportMonthlyProgress', () => {
  const signed = [projectRegistered(), contractSigned('2014-03-01')];

  describe('when the contract is signed', () => {
    it('records the cumulative figure, normalised to 2 places', () =>
      given(...signed)
        .when(report('2014-03', '1000000'))
        .then(reported('2014-03', '1000000.00')));

    it('accepts zero', () =>
      given(...signed)
        .when(report('2014-03', '0'))
        .then(reported('2014-03', '0.00')));

    it('refuses a month before the signing or after the month it is recorded', () => {
      given(...signed)
        .when(report('2014-02', '1'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['month']));
      given(...signed)
        .when(report('2014-07', '1'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['month']));
      given(...signed)
        .when(report('2014-13', '1'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['month']));
    });

    it('refuses a currency other than the total investment currency', () =>
      given(...signed)
        .when(report('2014-03', '1', undefined, 'USD'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['investmentCompletedToDate.currency'])));

    it('refuses a correction reason when there is nothing to correct', () =>
      given(...signed)
        .when(report('2014-03', '1', 'typo'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['correctionReason'])));
  });

  describe('when earlier and later months are reported', () => {
    const history = [...signed, reported('2014-03', '1000000.00'), reported('2014-05', '3000000.00')];

    it('accepts a figure between its neighbours', () =>
      given(...history)
        .when(report('2014-04', '2000000.00'))
        .then(reported('2014-04', '2000000.00')));

    it('refuses a cumulative figure below the previous month', () =>
      given(...history)
        .when(report('2014-06', '2999999.99'))
        .then(DomainValidationError, (e) =>
          expect(e.errors[0]).toEqual({
            field: 'investmentCompletedToDate.amount',
            message: expect.stringContaining('2014-05'),
          }),
        ));

    it('refuses a back-filled figure above the next month', () =>
      given(...history)
        .when(report('2014-04', '3000000.01'))
        .then(DomainValidationError));
  });

  describe('when the month is already reported', () => {
    const history = [...signed, reported('2014-03', '1000000.00'), reported('2014-04', '2000000.00')];

    it('ignores the same figure again', () =>
      given(...history)
        .when(report('2014-04', '2000000'))
        .then([]));

    it('requires a reason for a different figure', () =>
      given(...history)
        .when(report('2014-04', '1500000.00'))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['correctionReason'])));

    it('records a correction, even a lower one, with the previous figure and the reason', () =>
      given(...history)
        .when(report('2014-04', '1500000.00', 'double-counted equipment'))
        .then({
          type: 'ProjectMonthlyProgressCorrected',
          data: {
            projectId: PROJECT_ID,
            month: '2014-04',
            investmentCompletedToDate: { amount: '1500000.00', currency: 'CNY' },
            previous: { amount: '2000000.00', currency: 'CNY' },
            reason: 'double-counted equipment',
          },
        }));

    it('keeps a correction cumulative too', () =>
      given(...history)
        .when(report('2014-04', '999999.99', 'wrong'))
        .then(DomainValidationError));
  });

  describe('when the project is suspended', () => {
    it('still takes the monthly figure', () =>
      given(...signed, suspended('2014-04-15'))
        .when(report('2014-04', '5.00'))
        .then(reported('2014-04', '5.00')));
  });

  describe('when the contract is not signed', () => {
    it('refuses', () => given(projectRegistered()).when(report('2014-03', '1')).then(IllegalTransitionError));
  });

  describe('when the project is abandoned', () => {
    it('refuses', () =>
      given(...signed, abandoned())
        .when(report('2014-05', '1'))
        .then(IllegalTransitionError));
  });
});

import Big from 'big.js';
import { IllegalTransitionError } from '../../shared/domain-errors';
import { isYearMonth, monthOf } from '../../shared/local-date';
import { checkMoney, formatMoney, moneyEquals, normaliseMoney, type Money } from '../../shared/money';
import { checkText, type FieldErrors } from '../../shared/validation';
import { requireOpen, startChecks } from '../project-guards';
import type { ReportMonthlyProgress } from '../project.commands';
import type { ProjectMonthlyProgressCorrected, ProjectMonthlyProgressReported } from '../project.events';
import type { ExistingProject, Project } from '../project.state';

type ProgressEvent = ProjectMonthlyProgressReported | ProjectMonthlyProgressCorrected;

/**
 * 一月一调度. The figure is cumulative, in the currency of the total investment, and never decreases
 * from one month to the next: a lower figure than last month's means last month's was wrong, so correct
 * that month (re-report it with a reason). Allowed while suspended (the dispatch still wants a figure),
 * from the month of signing up to the month of recording.
 */
export const reportMonthlyProgress = ({ data }: ReportMonthlyProgress, state: Project): ProgressEvent[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'report progress');
  if (!project.signedOn) {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.stage,
      'progress is reported only once the contract is signed',
    );
  }
  checkMonth(errors, data.month, monthOf(project.signedOn), monthOf(data.recordedOn));
  if (checkMoney(errors, 'investmentCompletedToDate', data.investmentCompletedToDate, true)) {
    const currency = project.details.totalInvestment.currency;
    if (data.investmentCompletedToDate.currency !== currency) {
      errors.add('investmentCompletedToDate.currency', `must be ${currency}, the currency of the total investment`);
    }
  }
  if (data.correctionReason !== undefined) checkText(errors, 'correctionReason', data.correctionReason, 1000);
  errors.throwIfAny();

  const figure = normaliseMoney(data.investmentCompletedToDate);
  const existing = project.progress[data.month];
  if (existing && moneyEquals(existing, figure)) return []; // the same figure again: nothing new
  if (existing && data.correctionReason === undefined) {
    errors.add(
      'correctionReason',
      `${data.month} was reported as ${formatMoney(existing)}; a different figure is a correction and needs a reason`,
    );
  }
  if (!existing && data.correctionReason !== undefined) {
    errors.add('correctionReason', `${data.month} has no report to correct`);
  }
  checkCumulative(errors, project, data.month, figure);
  errors.throwIfAny();

  const base = { projectId: data.projectId, month: data.month, investmentCompletedToDate: figure };
  return existing
    ? [
        {
          type: 'ProjectMonthlyProgressCorrected',
          data: { ...base, previous: existing, reason: data.correctionReason!.trim() },
        },
      ]
    : [{ type: 'ProjectMonthlyProgressReported', data: base }];
};

const checkMonth = (errors: FieldErrors, month: unknown, first: string, last: string): void => {
  if (!isYearMonth(month)) errors.add('month', 'must be a month YYYY-MM');
  else if (month < first) errors.add('month', `must not be before the month of signing (${first})`);
  else if (month > last) errors.add('month', `must not be after the month it is recorded (${last})`);
};

/** Compared only with neighbours in the same currency (an amendment may have changed the currency). */
const checkCumulative = (errors: FieldErrors, project: ExistingProject, month: string, figure: Money): void => {
  const months = Object.keys(project.progress).sort();
  const before = months.filter((m) => m < month).at(-1);
  const after = months.find((m) => m > month);
  const field = 'investmentCompletedToDate.amount';
  const prev = before ? project.progress[before] : undefined;
  const next = after ? project.progress[after] : undefined;
  if (prev && prev.currency === figure.currency && new Big(figure.amount).lt(prev.amount)) {
    errors.add(
      field,
      `is cumulative and may not fall below ${before}'s ${formatMoney(prev)}; correct ${before} first if it was wrong`,
    );
  }
  if (next && next.currency === figure.currency && new Big(figure.amount).gt(next.amount)) {
    errors.add(
      field,
      `is cumulative and may not exceed ${after}'s ${formatMoney(next)}; correct ${after} first if it was wrong`,
    );
  }
};

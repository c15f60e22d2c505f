import Big from 'big.js';
import {
  evaluateTransferTarget,
  PROJECT_STAGE_CODES,
  type MajorProjectRules,
  type Money,
  type RateTable,
} from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { deepFreeze } from '@itp/projections/as-of';
import { cnyEquivalent } from '../../shared/queries/cny-equivalent';

export type MajorReason = 'counts_toward_target' | 'xiangnan_major' | 'at_transfer_threshold';

export type DispatchContext = {
  month: string;
  start: string;
  end: string;
  rates: RateTable;
  rules?: readonly MajorProjectRules[];
};

/**
 * Why a project is a major project of the monthly dispatch, or [] when it is not: it counted toward a target,
 * it is a Xiangnan major project, or its total investment now is at or above the transfer threshold of its
 * capital type by the rules in force on the month's last day (a large project not registered yet is exactly
 * what the dispatch must push). `unevaluated` says why the last test could not be made (no rate, no rules).
 */
export const majorReasons = (
  p: ProjectLibraryDocument,
  context: DispatchContext,
): { reasons: MajorReason[]; unevaluated: string | null } => {
  const reasons: MajorReason[] = [];
  if (p.countsTowardTarget) reasons.push('counts_toward_target');
  if (p.xiangnan?.qualifiesAsMajor) reasons.push('xiangnan_major');
  try {
    const capitalType = p.capitalType === 'foreign' ? 'foreign' : 'domestic';
    const evaluation = evaluateTransferTarget(capitalType, p.totalInvestment, context.end, {
      exchangeRates: context.rates,
      rules: context.rules,
    });
    if (evaluation.qualifies) reasons.push('at_transfer_threshold');
    return { reasons, unevaluated: null };
  } catch (error) {
    return { reasons, unevaluated: (error as Error).message };
  }
};

/** Signed by the month's end (progress is reported from signing on) and not abandoned before it began. */
export const inDispatch = (p: ProjectLibraryDocument, context: DispatchContext): boolean =>
  p.signedOn !== null &&
  p.signedOn <= context.end &&
  !(p.abandonment !== null && p.abandonment.abandonedOn < context.start);

export const statusAt = (p: ProjectLibraryDocument, date: string): 'active' | 'suspended' | 'abandoned' => {
  if (p.abandonment !== null && p.abandonment.abandonedOn <= date) return 'abandoned';
  return p.suspensions.some((s) => s.suspendedOn <= date && (s.resumedOn === null || s.resumedOn > date))
    ? 'suspended'
    : 'active';
};

/** The furthest stage reached on or before `date`. */
export const stageAt = (p: ProjectLibraryDocument, date: string): string =>
  [...PROJECT_STAGE_CODES].reverse().find((stage) => (p.stageReachedOn[stage] ?? '9999') <= date) ?? p.stage;

const minus = (a: Money, b: Money): Money => ({
  amount: new Big(a.amount).minus(b.amount).toFixed(2),
  currency: a.currency,
});

type MonthlyInvestment = {
  reported: boolean;
  thisMonth: Money | null;
  toDate: (Money & { asOfMonth: string }) | null;
};

/**
 * Investment completed in the month: the month's cumulative figure minus the previous reported month's
 * (all of it when none was reported before). Not reported this month: null, and the dispatch says so.
 */
const monthlyInvestment = (progress: ProjectLibraryDocument['progress'], month: string): MonthlyInvestment => {
  // The month's figure (its first entry) and the last entry of an earlier month, in the series' order.
  let current: (typeof progress)[number] | null = null;
  let previous: (typeof progress)[number] | null = null;
  for (const entry of progress) {
    if (entry.month === month) current ??= entry;
    else if (entry.month < month) previous = entry;
  }
  const latest = current ?? previous;
  let thisMonth: Money | null = null;
  if (current !== null) {
    if (previous === null) thisMonth = current.investmentCompletedToDate;
    // After a currency amendment the two figures cannot be subtracted: left out rather than guessed.
    else if (previous.investmentCompletedToDate.currency === current.investmentCompletedToDate.currency)
      thisMonth = minus(current.investmentCompletedToDate, previous.investmentCompletedToDate);
  }
  return {
    reported: current !== null,
    thisMonth,
    toDate: latest === null ? null : { ...latest.investmentCompletedToDate, asOfMonth: latest.month },
  };
};

export const dispatchProject = (p: ProjectLibraryDocument, reasons: MajorReason[], context: DispatchContext) => {
  const investment = monthlyInvestment(p.progress, context.month);
  const openProblems = p.problems.filter(
    (q) => q.raisedOn <= context.end && (q.resolvedOn === null || q.resolvedOn > context.end),
  );
  return {
    projectId: p._id,
    name: p.name,
    city: p.city,
    cityName: p.cityName,
    stage: stageAt(p, context.end),
    status: statusAt(p, context.end),
    majorBecause: reasons,
    reported: investment.reported,
    investmentThisMonth: investment.thisMonth,
    investmentToDate: investment.toDate,
    // Progress figures are converted at the rate in force on the month's last day.
    investmentThisMonthCny:
      investment.thisMonth === null ? null : cnyEquivalent(investment.thisMonth, context.end, context.rates),
    investmentToDateCny:
      investment.toDate === null ? null : cnyEquivalent(investment.toDate, context.end, context.rates),
    openProblems: openProblems.map(({ problemId, title, assignedUnit, raisedOn }) => ({
      problemId,
      title,
      assignedUnit,
      raisedOn,
    })),
  };
};

export type DispatchProject = ReturnType<typeof dispatchProject>;

/** What the dispatch makes of one project in its month: why it is major, why it could not be tested, its row. */
export type DispatchEntry = { reasons: MajorReason[]; unevaluated: string | null; row: DispatchProject | null };

const entryOf = (p: ProjectLibraryDocument, context: DispatchContext): DispatchEntry => {
  const { reasons, unevaluated } = majorReasons(p, context);
  return { reasons, unevaluated, row: reasons.length > 0 ? dispatchProject(p, reasons, context) : null };
};

/**
 * Per frozen project document (the read store's, shared by every query while it stands: a lazy one's copy is kept
 * with its series), its entries of the last few months asked, each with the rate table and rules it was made with.
 * A warm dispatch at 1M events made 9,147 of them again at every request.
 */
const entries = new WeakMap<
  object,
  { month: string; rates: RateTable; rules: DispatchContext['rules']; entry: DispatchEntry }[]
>();

/** A document's entries kept: the months of the dispatches asked last. */
const MONTHS_KEPT = 4;

/** The project's entry in the dispatch of `context.month` (frozen, and remembered, for a frozen document and table). */
export const dispatchEntry = (p: ProjectLibraryDocument, context: DispatchContext): DispatchEntry => {
  if (!Object.isFrozen(p) || !Object.isFrozen(context.rates)) return entryOf(p, context);
  const known = entries.get(p) ?? [];
  const hit = known.find((e) => e.month === context.month && e.rates === context.rates && e.rules === context.rules);
  if (hit !== undefined) return hit.entry;
  const entry = deepFreeze(entryOf(p, context));
  known.unshift({ month: context.month, rates: context.rates, rules: context.rules, entry });
  if (known.length > MONTHS_KEPT) known.pop();
  entries.set(p, known);
  return entry;
};

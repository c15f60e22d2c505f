import { CITIES, type MajorProjectRules, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { monthEnd, monthStart } from '../../shared/queries/calendar';
import { sumExact, toCents, type CnyEquivalent } from '../../shared/queries/cny-equivalent';
import {
  dispatchProject,
  inDispatch,
  majorReasons,
  type DispatchContext,
  type DispatchProject,
} from './dispatch-project';

export const MAJOR_PROJECT_DEFINITION =
  'A major project of the dispatch is signed by the end of the month, not abandoned before it began, and either counts toward a transfer target, ' +
  'or is a Xiangnan major project, or has a total investment (now) at or above the transfer threshold of its capital type by the rules in force on ' +
  "the month's last day. Investment this month = the month's cumulative figure minus the previous reported month's; amounts in CNY at the rate in " +
  "force on the month's last day.";

const exactOf = (cny: CnyEquivalent | null): string[] => (cny !== null && cny.amount !== null ? [cny.exact] : []);

const totals = (projects: readonly DispatchProject[]) => ({
  projects: projects.length,
  reported: projects.filter((p) => p.reported).length,
  notReported: projects.filter((p) => !p.reported).length,
  investmentThisMonthCny: toCents(sumExact(projects.flatMap((p) => exactOf(p.investmentThisMonthCny)))),
  investmentToDateCny: toCents(sumExact(projects.flatMap((p) => exactOf(p.investmentToDateCny)))),
  openProblems: projects.reduce((n, p) => n + p.openProblems.length, 0),
});

/** 一月一调度: the month's progress of every major project, and totals by city. Pure. */
export const monthlyDispatchReport = (
  month: string,
  projects: readonly ProjectLibraryDocument[],
  rates: RateTable,
  rules?: readonly MajorProjectRules[],
) => {
  const context: DispatchContext = { month, start: monthStart(month), end: monthEnd(month), rates, rules };
  const unevaluated: { projectId: string; reason: string }[] = [];
  const rows: DispatchProject[] = [];
  for (const project of projects) {
    if (!inDispatch(project, context)) continue;
    const { reasons, unevaluated: why } = majorReasons(project, context);
    if (why !== null) unevaluated.push({ projectId: project._id, reason: why });
    if (reasons.length > 0) rows.push(dispatchProject(project, reasons, context));
  }
  rows.sort(
    (a, b) => a.city.localeCompare(b.city) || a.name.localeCompare(b.name) || a.projectId.localeCompare(b.projectId),
  );
  const unconverted = rows
    .filter((r) => [r.investmentThisMonthCny, r.investmentToDateCny].some((c) => c !== null && c.amount === null))
    .map((r) => r.projectId);

  return {
    month,
    definition: MAJOR_PROJECT_DEFINITION,
    projects: rows,
    byCity: CITIES.map(({ code, en, zh }) => ({
      city: code,
      cityName: { en, zh },
      ...totals(rows.filter((r) => r.city === code)),
    })).filter((c) => c.projects > 0),
    totals: totals(rows),
    /** Projects whose amounts could not be converted to CNY (no rate): left out of the CNY sums. */
    unconverted,
    /** Projects whose threshold test could not be made this month (no rate or no rules in force). */
    unevaluated,
  };
};

export type MonthlyDispatchReport = ReturnType<typeof monthlyDispatchReport>;

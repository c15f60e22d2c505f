import { CITIES, DEFAULT_PROGRESS_DUE_DAY, progressDueOn, type MajorProjectRules, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { dayAfter, monthEnd, monthStart } from '../../shared/queries/calendar';
import { sumExact, toCents, type CnyEquivalent } from '../../shared/queries/cny-equivalent';
import { followUpOf, staleProject, staleRule, type StaleProject } from '../../shared/queries/stale-projects';
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

export type DispatchOptions = {
  /** The date staleness is judged on; default: the day after the month's reports were due. */
  referenceDate?: string;
  /** The day of the following month a month's report is due by (ITP_PROGRESS_DUE_DAY). */
  dueDay?: number;
  rules?: readonly MajorProjectRules[];
};

/** The dispatch of a month is held once its reports are due: stale projects are judged the day after. */
export const dispatchReferenceDate = (month: string, dueDay: number): string => dayAfter(progressDueOn(month, dueDay));

/** Projects of the dispatch (signed by the month's end) that are stale on the reference date, by city and name. */
const staleProjects = (
  projects: readonly ProjectLibraryDocument[],
  end: string,
  referenceDate: string,
  dueDay: number,
): StaleProject[] =>
  projects
    .filter((p) => p.signedOn !== null && p.signedOn <= end)
    .flatMap((p) => {
      const followUp = followUpOf(p, referenceDate, dueDay);
      return followUp.stale ? [staleProject(p, followUp.lapses)] : [];
    })
    .sort(
      (a, b) => a.city.localeCompare(b.city) || a.name.localeCompare(b.name) || a.projectId.localeCompare(b.projectId),
    );

/** 一月一调度: the month's progress of every major project, totals by city, and the stale projects. Pure. */
export const monthlyDispatchReport = (
  month: string,
  projects: readonly ProjectLibraryDocument[],
  rates: RateTable,
  options: DispatchOptions = {},
) => {
  const { rules, dueDay = DEFAULT_PROGRESS_DUE_DAY } = options;
  const context: DispatchContext = { month, start: monthStart(month), end: monthEnd(month), rates, rules };
  const referenceDate = options.referenceDate ?? dispatchReferenceDate(month, dueDay);
  const stale = staleProjects(projects, context.end, referenceDate, dueDay);
  const staleIds = new Set(stale.map((p) => p.projectId));
  const unevaluated: { projectId: string; reason: string }[] = [];
  const rows: (DispatchProject & { stale: boolean })[] = [];
  for (const project of projects) {
    if (!inDispatch(project, context)) continue;
    const { reasons, unevaluated: why } = majorReasons(project, context);
    if (why !== null) unevaluated.push({ projectId: project._id, reason: why });
    if (reasons.length > 0)
      rows.push({ ...dispatchProject(project, reasons, context), stale: staleIds.has(project._id) });
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
    /** Every project of the month (major or not) that is stale on the reference date, with its missing months. */
    stale: {
      referenceDate,
      dueDay,
      rule: staleRule(dueDay),
      total: stale.length,
      byCity: CITIES.map(({ code, en, zh }) => ({
        city: code,
        cityName: { en, zh },
        projects: stale.filter((p) => p.city === code).length,
      })).filter((c) => c.projects > 0),
      projects: stale,
    },
  };
};

export type MonthlyDispatchReport = ReturnType<typeof monthlyDispatchReport>;

import { CITIES, DEFAULT_PROGRESS_DUE_DAY, progressDueOn, type MajorProjectRules, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import type { Derivation, ReadCollection } from '@itp/read-store';
import { dayAfter, monthEnd, monthStart } from '../../shared/queries/calendar';
import { sumExact, toCents, type CnyEquivalent } from '../../shared/queries/cny-equivalent';
import { followUpOf, staleProject, staleRule, type StaleProject } from '../../shared/queries/stale-projects';
import {
  dispatchEntry,
  inDispatch,
  type DispatchContext,
  type DispatchEntry,
  type DispatchProject,
} from './dispatch-project';

export const MAJOR_PROJECT_DEFINITION =
  'A major project of the dispatch is signed by the end of the month, not abandoned before it began, and either counts toward a transfer target, ' +
  'or is a Xiangnan major project, or has a total investment (now) at or above the transfer threshold of its capital type by the rules in force on ' +
  "the month's last day. Investment this month = the month's cumulative figure minus the previous reported month's; amounts in CNY at the rate in " +
  "force on the month's last day.";

const exactOf = (cny: CnyEquivalent | null): string[] => (cny !== null && cny.amount !== null ? [cny.exact] : []);

/** The sums of some rows, exact (what the province's are summed from), and how many. */
type Sums = { projects: number; reported: number; openProblems: number; thisMonth: string; toDate: string };

const sumsOf = (projects: readonly DispatchProject[]): Sums => ({
  projects: projects.length,
  reported: projects.filter((p) => p.reported).length,
  openProblems: projects.reduce((n, p) => n + p.openProblems.length, 0),
  thisMonth: sumExact(projects.flatMap((p) => exactOf(p.investmentThisMonthCny))),
  toDate: sumExact(projects.flatMap((p) => exactOf(p.investmentToDateCny))),
});

/** The province's sums from its cities' (exact decimals: the same sums, each row's amount parsed once, not twice). */
const provinceSums = (cities: readonly Sums[]): Sums => ({
  projects: cities.reduce((n, c) => n + c.projects, 0),
  reported: cities.reduce((n, c) => n + c.reported, 0),
  openProblems: cities.reduce((n, c) => n + c.openProblems, 0),
  thisMonth: sumExact(cities.map((c) => c.thisMonth)),
  toDate: sumExact(cities.map((c) => c.toDate)),
});

const totals = (sums: Sums) => ({
  projects: sums.projects,
  reported: sums.reported,
  notReported: sums.projects - sums.reported,
  investmentThisMonthCny: toCents(sums.thisMonth),
  investmentToDateCny: toCents(sums.toDate),
  openProblems: sums.openProblems,
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

/** By city, then name, then id. */
const byCityAndName = <T extends { city: string; name: string; projectId: string }>(a: T, b: T): number =>
  a.city.localeCompare(b.city) || a.name.localeCompare(b.name) || a.projectId.localeCompare(b.projectId);

/** What a month's dispatch is computed with, besides the projects. */
export interface DispatchTerms {
  context: DispatchContext;
  /** The date staleness is judged on. */
  referenceDate: string;
  dueDay: number;
}

export const dispatchTerms = (month: string, rates: RateTable, options: DispatchOptions = {}): DispatchTerms => {
  const { rules, dueDay = DEFAULT_PROGRESS_DUE_DAY } = options;
  return {
    context: { month, start: monthStart(month), end: monthEnd(month), rates, rules },
    referenceDate: options.referenceDate ?? dispatchReferenceDate(month, dueDay),
    dueDay,
  };
};

/** What the dispatch makes of one project signed by the month's end. */
export interface DispatchFacts {
  _id: string;
  city: string;
  /** The project as a stale project of the reference date, with its missing months; null when it is not stale. */
  stale: StaleProject | null;
  /** Why it is major and its row; null when it is not in the dispatch (abandoned before the month began). */
  entry: DispatchEntry | null;
}

/**
 * One project's facts, each project whole: the stale test and the row read the same series, which an as-of document
 * loaded from a snapshot reads from disk into a bounded cache (two passes read most of them twice at 1M events).
 */
export const dispatchFacts = (project: ProjectLibraryDocument, terms: DispatchTerms): DispatchFacts => {
  // Stale projects are those of the dispatch signed by the month's end, whether major or not.
  const followUp = followUpOf(project, terms.referenceDate, terms.dueDay);
  return {
    _id: project._id,
    city: project.city,
    stale: followUp.stale ? staleProject(project, followUp.lapses) : null,
    entry: inDispatch(project, terms.context) ? dispatchEntry(project, terms.context) : null,
  };
};

/** The projects a month's dispatch reads: those signed by the month's end. */
export const dispatchFilter = (month: string) => ({ signedOn: { $ne: null, $lte: monthEnd(month) } });

/**
 * The dispatch's facts as a derivation of the read store, which may give a project's facts again while its document
 * stands (the live embedded store does: a warm dispatch then reads no project's series). Everything the facts depend
 * on is in the key, but the rate table, which is the basis (the same frozen object while the rates stand).
 */
export const dispatchDerivation = (terms: DispatchTerms): Derivation<ProjectLibraryDocument, DispatchFacts> => ({
  key: [
    terms.context.month,
    terms.referenceDate,
    terms.dueDay,
    terms.context.rules === undefined ? '' : JSON.stringify(terms.context.rules),
  ].join('|'),
  basis: terms.context.rates,
  derive: (project) => dispatchFacts(project, terms),
});

/**
 * The dispatch from the project library read model, with the facts it was made of (each with its project's id and
 * city, for a read scope). The store derives each project's facts, or gives those it derived for the same version.
 */
export const dispatchFromLibrary = async (
  projects: ReadCollection<ProjectLibraryDocument>,
  terms: DispatchTerms,
): Promise<{ facts: DispatchFacts[]; report: MonthlyDispatchReport }> => {
  const facts = await projects.findDerived(
    dispatchFilter(terms.context.month),
    { sort: { _id: 1 } },
    dispatchDerivation(terms),
  );
  return { facts, report: dispatchFromFacts(terms, facts) };
};

/** 一月一调度: the month's progress of every major project, totals by city, and the stale projects. Pure. */
export const monthlyDispatchReport = (
  month: string,
  projects: readonly ProjectLibraryDocument[],
  rates: RateTable,
  options: DispatchOptions = {},
) => {
  const terms = dispatchTerms(month, rates, options);
  const signed = projects.filter((p) => p.signedOn !== null && p.signedOn <= terms.context.end);
  return dispatchFromFacts(
    terms,
    signed.map((p) => dispatchFacts(p, terms)),
  );
};

/** The dispatch from the facts of the projects signed by the month's end. Pure. */
export const dispatchFromFacts = (terms: DispatchTerms, facts: readonly DispatchFacts[]) => {
  const { context, referenceDate, dueDay } = terms;
  const { month } = context;
  const stale: StaleProject[] = [];
  const unevaluated: { projectId: string; reason: string }[] = [];
  const rows: (DispatchProject & { stale: boolean })[] = [];
  for (const project of facts) {
    if (project.stale !== null) stale.push(project.stale);
    if (project.entry === null) continue;
    const { unevaluated: why, row } = project.entry;
    if (why !== null) unevaluated.push({ projectId: project._id, reason: why });
    if (row !== null) rows.push({ ...row, stale: project.stale !== null });
  }
  stale.sort(byCityAndName);
  rows.sort(byCityAndName);
  const unconverted = rows
    .filter((r) => [r.investmentThisMonthCny, r.investmentToDateCny].some((c) => c !== null && c.amount === null))
    .map((r) => r.projectId);

  const rowsByCity = new Map<string, DispatchProject[]>();
  for (const row of rows) {
    const list = rowsByCity.get(row.city);
    if (list === undefined) rowsByCity.set(row.city, [row]);
    else list.push(row);
  }
  const cities = CITIES.map((city) => ({ city, sums: sumsOf(rowsByCity.get(city.code) ?? []) }));

  return {
    month,
    definition: MAJOR_PROJECT_DEFINITION,
    projects: rows,
    byCity: cities
      .filter(({ sums }) => sums.projects > 0)
      .map(({ city: { code, en, zh }, sums }) => ({ city: code, cityName: { en, zh }, ...totals(sums) })),
    // Rows of a city outside the catalogue (none today) are counted in the province's as they always were.
    totals: totals(
      provinceSums([...cities.map((c) => c.sums), sumsOf(rows.filter((r) => !CITIES.some((c) => c.code === r.city)))]),
    ),
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

export type MonthlyDispatchReport = ReturnType<typeof dispatchFromFacts>;

import Big from 'big.js';
import { CITIES, INDUSTRIES, SOURCE_REGIONS, type RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { quarterBounds } from '../../shared/queries/calendar';
import { cnyEquivalent, sumExact, toCents } from '../../shared/queries/cny-equivalent';

export const BULLETIN_RULES =
  'Projects counted toward the transfer target (see GET /statistics/targets) whose business registration is dated in the quarter, and from 1 January ' +
  'to the end of the quarter (year to date). City: as recorded at registration; source regions (tags: a project counts under each of its regions) and ' +
  'industry: as recorded now. Amounts: the total investment recorded at registration, in CNY at the rate in force on the registration date. Cities ' +
  'rank by projects year to date, then amount year to date; equal figures share a rank.';

type Counted = { project: ProjectLibraryDocument; inQuarter: boolean; exact: string | null };

const tally = (rows: readonly Counted[]) => {
  const figures = (subset: readonly Counted[]) => ({
    projects: subset.length,
    amountCny: toCents(sumExact(subset.flatMap((r) => (r.exact === null ? [] : [r.exact])))),
    projectIds: subset.map((r) => r.project._id),
  });
  return { quarter: figures(rows.filter((r) => r.inQuarter)), yearToDate: figures(rows) };
};

/** Competition ranking (1, 2, 2, 4): by projects year to date, then by amount year to date. */
const ranked = <T extends { yearToDate: { projects: number; amountCny: string } }>(
  rows: T[],
): (T & { rank: number })[] => {
  const better = (a: T, b: T) =>
    b.yearToDate.projects - a.yearToDate.projects || new Big(b.yearToDate.amountCny).cmp(a.yearToDate.amountCny);
  const sorted = [...rows].sort(better);
  return sorted.map((row) => ({ ...row, rank: 1 + sorted.filter((other) => better(other, row) < 0).length }));
};

/** 一季一通报: the quarter's and the year's counted projects per city (ranked), per source region, per industry. Pure. */
export const quarterlyBulletinReport = (
  quarter: string,
  projects: readonly ProjectLibraryDocument[],
  rates: RateTable,
) => {
  const { year, start, end } = quarterBounds(quarter);
  const rows: Counted[] = projects
    .filter(
      (p) =>
        p.countsTowardTarget &&
        p.targetYear === year &&
        p.businessRegistration !== null &&
        p.businessRegistration.registeredOn <= end,
    )
    .map((project) => {
      const registration = project.businessRegistration!;
      const cny = cnyEquivalent(registration.totalInvestment, registration.registeredOn, rates);
      return { project, inQuarter: registration.registeredOn >= start, exact: cny.amount === null ? null : cny.exact };
    })
    .sort(
      (a, b) =>
        a.project.businessRegistration!.registeredOn.localeCompare(b.project.businessRegistration!.registeredOn) ||
        a.project._id.localeCompare(b.project._id),
    );

  return {
    quarter,
    period: { start, end },
    rules: BULLETIN_RULES,
    totals: tally(rows),
    byCity: ranked(
      CITIES.map(({ code, en, zh }) => ({
        city: code,
        cityName: { en, zh },
        ...tally(rows.filter((r) => r.project.businessRegistration!.city === code)),
      })),
    ),
    bySourceRegion: SOURCE_REGIONS.map(({ code, en, zh }) => ({
      sourceRegion: code,
      name: { en, zh },
      ...tally(rows.filter((r) => r.project.sourceRegions.includes(code))),
    })),
    byIndustry: INDUSTRIES.map(({ code, en, zh }) => ({
      industry: code,
      name: { en, zh },
      ...tally(rows.filter((r) => r.project.industry === code)),
    })),
    /** Counted projects whose amount could not be converted (no rate on their registration date): not in the sums. */
    unconverted: rows.filter((r) => r.exact === null).map((r) => r.project._id),
  };
};

export type QuarterlyBulletinReport = ReturnType<typeof quarterlyBulletinReport>;

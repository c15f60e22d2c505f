import Big from 'big.js';
import type { RateTable } from '@itp/domain';
import type { InvestorLibraryDocument, ParkLibraryDocument, ProjectLibraryDocument } from '@itp/projections';
import { cnyEquivalent } from '../../shared/queries/cny-equivalent';
import { COUNTING_RULES } from './counting-rules';
import type { YearTargets } from './year-targets';

const NATIONAL_LEVELS = ['national_etdz', 'national_high_tech_zone'];
const RANKINGS_COUNTED = ['fortune_global_500', 'china_top_100'];

const inYear = (date: string | null, year: number): boolean => date !== null && date.startsWith(`${year}-`);

/** Lists come in date order (ties by id), whatever order the documents were read in. */
const byDate =
  <T>(date: (item: T) => string | null, id: (item: T) => string) =>
  (a: T, b: T): number =>
    (date(a) ?? '').localeCompare(date(b) ?? '') || id(a).localeCompare(id(b));

const NO_RATES: RateTable = { rates: [] };

/** A counted project, with the amount recorded at its registration in CNY at the rate on the registration date. */
const countedProject = (p: ProjectLibraryDocument, rates: RateTable) => ({
  projectId: p._id,
  name: p.name,
  city: p.city,
  registeredOn: p.registeredOn,
  status: p.status,
  explanation: p.businessRegistration?.evaluation.explanation ?? null,
  registeredInvestment: p.businessRegistration?.totalInvestment ?? null,
  registeredInvestmentCny: p.businessRegistration
    ? cnyEquivalent(p.businessRegistration.totalInvestment, p.businessRegistration.registeredOn, rates)
    : null,
});

/** Parks that reached one of `levels` with approval dated in the year, by registration or by upgrade. */
const parksReaching = (parks: readonly ParkLibraryDocument[], levels: readonly string[], year: number) =>
  parks
    .flatMap((park) => {
      const entry = park.levelHistory.find((h) => levels.includes(h.level) && inYear(h.approvedOn, year));
      return entry
        ? [
            {
              parkId: park._id,
              name: park.name,
              city: park.city,
              level: entry.level,
              approvedOn: entry.approvedOn,
              via: entry.via,
            },
          ]
        : [];
    })
    .sort(
      byDate(
        (p) => p.approvedOn,
        (p) => p.parkId,
      ),
    );

/** Progress against the year's targets: every count with the ids and names behind it. Pure. */
export const targetsReport = (
  year: number,
  targets: YearTargets | null,
  data: {
    projects: readonly ProjectLibraryDocument[];
    investors: readonly InvestorLibraryDocument[];
    parks: readonly ParkLibraryDocument[];
    /** For the CNY equivalent of the counted projects' amounts (none given: amounts with the reason). */
    rates?: RateTable;
  },
) => {
  const rates = data.rates ?? NO_RATES;
  const counted = data.projects
    .filter((p) => p.countsTowardTarget && p.targetYear === year)
    .sort(
      byDate(
        (p) => p.registeredOn,
        (p) => p._id,
      ),
    );
  const batch = targets?.xiangnanMajorProjects.batch ?? null;
  const xiangnan = data.projects
    .filter(
      (p) =>
        p.xiangnan !== null &&
        p.xiangnan.qualifiesAsMajor &&
        inYear(p.xiangnan.assignedOn, year) &&
        (batch === null || p.xiangnan.batch === batch),
    )
    .sort(
      byDate(
        (p) => p.xiangnan!.assignedOn,
        (p) => p._id,
      ),
    );
  const firms = data.investors
    .filter(
      (i) =>
        i.rankings.some((r) => RANKINGS_COUNTED.includes(r)) && inYear(i.firstRegistration?.registeredOn ?? null, year),
    )
    .sort(
      byDate(
        (i) => i.firstRegistration!.registeredOn,
        (i) => i._id,
      ),
    );
  const national = parksReaching(data.parks, NATIONAL_LEVELS, year);
  const bonded = parksReaching(data.parks, ['comprehensive_bonded_zone'], year);
  const factories = data.parks
    .map((park) => ({
      parkId: park._id,
      name: park.name,
      city: park.city,
      floorAreaSqm: park.standardFactory.byYear[String(year)] ?? '0',
    }))
    .filter((f) => new Big(f.floorAreaSqm).gt(0));
  const factorySqm = factories.reduce((sum, f) => sum.plus(f.floorAreaSqm), new Big(0));

  return {
    year,
    targetsSource: targets?.source ?? null,
    transferProjects: {
      counted: counted.length,
      target: targets?.transferProjects.target ?? null,
      stretch: targets?.transferProjects.stretch ?? null,
      met: targets ? counted.length >= targets.transferProjects.target : null,
      abandonedSinceCounted: counted.filter((p) => p.status === 'abandoned').length,
      rule: COUNTING_RULES.transferProjects,
      projects: counted.map((p) => countedProject(p, rates)),
    },
    xiangnanMajorProjects: {
      batch,
      counted: xiangnan.length,
      target: targets?.xiangnanMajorProjects.target ?? null,
      met: targets ? xiangnan.length >= targets.xiangnanMajorProjects.target : null,
      rule: COUNTING_RULES.xiangnanMajorProjects,
      projects: xiangnan.map((p) => ({
        projectId: p._id,
        name: p.name,
        city: p.city,
        batch: p.xiangnan!.batch,
        assignedOn: p.xiangnan!.assignedOn,
        explanation: p.xiangnan!.evaluation.explanation,
      })),
    },
    rankedFirms: {
      counted: firms.length,
      target: targets?.rankedFirms.target ?? null,
      met: targets ? firms.length >= targets.rankedFirms.target : null,
      rule: COUNTING_RULES.rankedFirms,
      investors: firms.map((i) => ({
        investorId: i._id,
        name: i.name,
        rankings: i.rankings,
        // A city-scoped reader sees the date, not another city's project (projectId null).
        firstRegistration: i.firstRegistration && {
          projectId: i.firstRegistration.projectId as string | null,
          registeredOn: i.firstRegistration.registeredOn,
        },
      })),
    },
    nationalZones: {
      counted: national.length,
      min: targets?.nationalZones.min ?? null,
      max: targets?.nationalZones.max ?? null,
      met: targets ? national.length >= targets.nationalZones.min : null,
      rule: COUNTING_RULES.nationalZones,
      parks: national,
    },
    comprehensiveBondedZones: {
      counted: bonded.length,
      target: targets?.comprehensiveBondedZones.target ?? null,
      met: targets ? bonded.length >= targets.comprehensiveBondedZones.target : null,
      rule: COUNTING_RULES.comprehensiveBondedZones,
      parks: bonded,
    },
    standardFactory: {
      completedSqm: factorySqm.toFixed(),
      target: targets?.standardFactorySqm.target ?? null,
      met: targets ? factorySqm.gte(targets.standardFactorySqm.target) : null,
      rule: COUNTING_RULES.standardFactory,
      parks: factories,
    },
  };
};

export type TargetsReport = ReturnType<typeof targetsReport>;

import Big from 'big.js';
import type { RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { cnyEquivalent, exactMoney } from '../../shared/queries/cny-equivalent';

export const ASSESSMENT_RULES =
  'Seed item 25: each project counted toward the transfer target in the year credits the units that introduced it, by the shares recorded at ' +
  'business registration (they sum to exactly 1). Projects credited = sum of shares; amount credited = the total investment recorded at ' +
  'registration, in CNY at the rate in force on the registration date, times the share: exact, never rounded. Ranked by amount credited, then ' +
  'projects credited; equal figures share a rank.';

type UnitCredit = {
  unit: string;
  projectsCredited: Big;
  amountCredited: Big;
  projects: {
    projectId: string;
    name: string;
    city: string;
    registeredOn: string;
    share: string;
    /** The USD/CNY rate the amount was converted at; null for CNY or when there was no rate. */
    rate: { rate: string; effectiveOn: string } | null;
    amountCreditedCny: string | null;
  }[];
};

/** 绩效考核 (item 25): credit per introducing unit for the projects counted in the year, ranked. Pure. */
export const assessmentReport = (year: number, projects: readonly ProjectLibraryDocument[], rates: RateTable) => {
  const credits = new Map<string, UnitCredit>();
  const unconverted: string[] = [];
  const counted = projects
    .filter((p) => p.countsTowardTarget && p.targetYear === year && p.businessRegistration !== null)
    .sort(
      (a, b) =>
        a.businessRegistration!.registeredOn.localeCompare(b.businessRegistration!.registeredOn) ||
        a._id.localeCompare(b._id),
    );

  for (const project of counted) {
    const registration = project.businessRegistration!;
    const cny = cnyEquivalent(registration.totalInvestment, registration.registeredOn, rates);
    if (cny.amount === null) unconverted.push(project._id);
    for (const { unit, share } of registration.introducers) {
      const credit = credits.get(unit) ?? {
        unit,
        projectsCredited: new Big(0),
        amountCredited: new Big(0),
        projects: [],
      };
      const amount = cny.amount === null ? null : new Big(cny.exact).times(share);
      credit.projectsCredited = credit.projectsCredited.plus(share);
      if (amount !== null) credit.amountCredited = credit.amountCredited.plus(amount);
      credit.projects.push({
        projectId: project._id,
        name: project.name,
        city: registration.city,
        registeredOn: registration.registeredOn,
        share,
        rate: cny.amount === null ? null : cny.rate,
        amountCreditedCny: amount === null ? null : exactMoney(amount),
      });
      credits.set(unit, credit);
    }
  }

  const better = (a: UnitCredit, b: UnitCredit) =>
    b.amountCredited.cmp(a.amountCredited) || b.projectsCredited.cmp(a.projectsCredited);
  const sorted = [...credits.values()].sort((a, b) => better(a, b) || a.unit.localeCompare(b.unit));
  return {
    year,
    rules: ASSESSMENT_RULES,
    projectsCounted: counted.length,
    units: sorted.map((credit) => ({
      rank: 1 + sorted.filter((other) => better(other, credit) < 0).length,
      unit: credit.unit,
      projectsCredited: credit.projectsCredited.toFixed(),
      amountCreditedCny: exactMoney(credit.amountCredited),
      projects: credit.projects,
    })),
    /** Counted projects whose amount could not be converted (no rate on their registration date): shares credited, amounts not. */
    unconverted,
  };
};

export type AssessmentReport = ReturnType<typeof assessmentReport>;

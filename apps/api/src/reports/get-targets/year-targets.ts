/**
 * The year's targets as data (seed items 2-4 and 17), one entry per year. A new year's plan adds an entry;
 * a year without one is answered with counts and no targets.
 */
export type YearTargets = {
  year: number;
  source: string;
  transferProjects: { target: number; stretch: number };
  /** The batch of Xiangnan major projects launched in the year, and how many of them. */
  xiangnanMajorProjects: { batch: number; target: number };
  /** Fortune Global 500 and China top-100 firms together, one count per firm. */
  rankedFirms: { target: number };
  nationalZones: { min: number; max: number };
  comprehensiveBondedZones: { target: number };
  /** m², exact decimal string. */
  standardFactorySqm: { target: string };
};

export const YEAR_TARGETS: Readonly<Record<number, YearTargets>> = {
  2014: {
    year: 2014,
    source:
      'Hunan provincial commerce department, 2014 work plan for undertaking industrial transfer, items 2-4 and 17',
    transferProjects: { target: 130, stretch: 150 },
    xiangnanMajorProjects: { batch: 3, target: 100 },
    rankedFirms: { target: 8 },
    nationalZones: { min: 1, max: 2 },
    comprehensiveBondedZones: { target: 1 },
    standardFactorySqm: { target: '10000000' },
  },
};

export const targetsFor = (year: number): YearTargets | null => YEAR_TARGETS[year] ?? null;

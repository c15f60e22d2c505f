import type { Money } from '../../shared/money';
import type { LocalDate } from '../../shared/local-date';
import { XIANGNAN_CITIES, type CityCode } from '../../catalogues/cities';

/**
 * The counting rules of the year, as versioned data. Every evaluation records the version it used,
 * so a later change of rules never rewrites what was counted. Thresholds are inclusive (以上 = at least).
 */
export type MajorProjectRules = {
  readonly version: string;
  /** First business date the rules apply to. */
  readonly effectiveFrom: LocalDate;
  /** Seed item 2: a transfer project counts toward the year's target at or above this total investment. */
  readonly transferThreshold: { readonly domestic: Money; readonly foreign: Money };
  /** Seed item 2: a Xiangnan major project is at least this, or the RMB equivalent. */
  readonly xiangnan: { readonly cities: readonly CityCode[]; readonly threshold: Money };
};

export const MAJOR_PROJECT_RULES_2014: MajorProjectRules = {
  version: '2014-01',
  effectiveFrom: '2014-01-01',
  transferThreshold: {
    domestic: { amount: '200000000.00', currency: 'CNY' },
    foreign: { amount: '30000000.00', currency: 'USD' },
  },
  xiangnan: { cities: XIANGNAN_CITIES, threshold: { amount: '50000000.00', currency: 'USD' } },
};

/** All versions, oldest first. Add a version for a new year; never edit one already used. */
export const MAJOR_PROJECT_RULE_BOOK: readonly MajorProjectRules[] = [MAJOR_PROJECT_RULES_2014];

/** The version in force on a business date: the latest whose effectiveFrom is on or before it. */
export const rulesInForce = (
  onDate: LocalDate,
  book: readonly MajorProjectRules[] = MAJOR_PROJECT_RULE_BOOK,
): MajorProjectRules | null =>
  [...book]
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
    .filter((r) => r.effectiveFrom <= onDate)
    .at(-1) ?? null;

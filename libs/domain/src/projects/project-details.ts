import type { CityCode } from '../catalogues/cities';
import type { IndustryCode } from '../catalogues/industries';
import type { CapitalType, LeadChannel } from '../catalogues/lead-channels';
import type { SourceRegionCode } from '../catalogues/source-regions';
import type { DecimalString } from '../shared/decimal';
import type { Money } from '../shared/money';

/** A unit credited with introducing the project (seed item 25); shares of all units sum to exactly 1. */
export type IntroducingUnit = { readonly unit: string; readonly share: DecimalString };

export type PromotionEventRef = { readonly id: string; readonly name: string | null };

/** What a project is, as recorded in the project library. Amendable, always with a reason. */
export type ProjectDetails = {
  readonly name: string;
  readonly investorId: string;
  readonly city: CityCode;
  readonly parkId: string | null;
  readonly industry: IndustryCode;
  readonly capitalType: CapitalType;
  readonly totalInvestment: Money;
  /** A set of tags, kept in catalogue order. */
  readonly sourceRegions: readonly SourceRegionCode[];
  readonly leadChannel: LeadChannel;
  readonly promotionEvent: PromotionEventRef | null;
  readonly introducers: readonly IntroducingUnit[];
};

export const PROJECT_DETAIL_FIELDS = [
  'name',
  'investorId',
  'city',
  'parkId',
  'industry',
  'capitalType',
  'totalInvestment',
  'sourceRegions',
  'leadChannel',
  'promotionEvent',
  'introducers',
] as const satisfies readonly (keyof ProjectDetails)[];

/** Some of the details; in commands `parkId` and `promotionEvent` may be null to clear them. */
export type ProjectDetailChanges = { -readonly [K in keyof ProjectDetails]?: ProjectDetails[K] };

import Big from 'big.js';
import { CITY_CODES } from '../catalogues/cities';
import { INDUSTRY_CODES } from '../catalogues/industries';
import { CAPITAL_TYPE_CODES, LEAD_CHANNEL_CODES } from '../catalogues/lead-channels';
import { SOURCE_REGION_CODES } from '../catalogues/source-regions';
import { isPositiveDecimal, sumDecimals } from '../shared/decimal';
import { checkMoney, normaliseMoney } from '../shared/money';
import { checkCodeSet, checkId, checkOneOf, checkText, type FieldErrors } from '../shared/validation';
import type { IntroducingUnit, ProjectDetails, PromotionEventRef } from './project-details';

/** Shares are exact decimals in (0, 1] with at most 6 places; together they must make exactly 1. */
export const SHARE_MAX_DECIMALS = 6;

const checkIntroducers = (errors: FieldErrors, value: unknown): IntroducingUnit[] | undefined => {
  if (!Array.isArray(value) || value.length === 0) {
    errors.add('introducers', 'must list at least one introducing unit');
    return undefined;
  }
  let ok = true;
  value.forEach((item: unknown, i) => {
    const { unit, share } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (!checkText(errors, `introducers[${i}].unit`, unit, 200)) ok = false;
    if (!isPositiveDecimal(share, SHARE_MAX_DECIMALS, 1) || new Big(share).gt(1)) {
      errors.add(
        `introducers[${i}].share`,
        `must be a decimal string in (0, 1] with at most ${SHARE_MAX_DECIMALS} places`,
      );
      ok = false;
    }
  });
  if (!ok) return undefined;
  const units = value as IntroducingUnit[];
  if (new Set(units.map((u) => u.unit.trim())).size !== units.length) {
    errors.add('introducers', 'must not name a unit twice');
    return undefined;
  }
  const total = sumDecimals(units.map((u) => u.share));
  if (!new Big(total).eq(1)) {
    errors.add('introducers', `shares must sum to exactly 1 (they sum to ${total})`);
    return undefined;
  }
  return units.map(({ unit, share }) => ({ unit: unit.trim(), share }));
};

const checkPromotionEvent = (errors: FieldErrors, value: unknown): PromotionEventRef | null | undefined => {
  if (value === undefined || value === null) return null;
  const { id, name } = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const idOk = checkId(errors, 'promotionEvent.id', id);
  const nameOk = name === undefined || name === null || checkText(errors, 'promotionEvent.name', name, 200);
  return idOk && nameOk ? { id: id as string, name: (name as string | null | undefined) ?? null } : undefined;
};

/** Validates one detail field; returns its normalised value, or undefined after adding errors. */
const FIELD_CHECKS: {
  [K in keyof ProjectDetails]: (errors: FieldErrors, value: unknown) => ProjectDetails[K] | undefined;
} = {
  name: (e, v) => (checkText(e, 'name', v, 200) ? v.trim() : undefined),
  investorId: (e, v) => (checkId(e, 'investorId', v) ? v : undefined),
  city: (e, v) => (checkOneOf(e, 'city', v, CITY_CODES) ? v : undefined),
  parkId: (e, v) => (v === undefined || v === null ? null : checkId(e, 'parkId', v) ? v : undefined),
  industry: (e, v) => (checkOneOf(e, 'industry', v, INDUSTRY_CODES) ? v : undefined),
  capitalType: (e, v) => (checkOneOf(e, 'capitalType', v, CAPITAL_TYPE_CODES) ? v : undefined),
  totalInvestment: (e, v) => (checkMoney(e, 'totalInvestment', v) ? normaliseMoney(v) : undefined),
  sourceRegions: (e, v) => checkCodeSet(e, 'sourceRegions', v, SOURCE_REGION_CODES),
  leadChannel: (e, v) => (checkOneOf(e, 'leadChannel', v, LEAD_CHANNEL_CODES) ? v : undefined),
  promotionEvent: checkPromotionEvent,
  introducers: checkIntroducers,
};

/** Validates the given fields only (for amendments); missing fields are not checked. */
export const checkDetailChanges = (errors: FieldErrors, input: Record<string, unknown>): Partial<ProjectDetails> => {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(FIELD_CHECKS, key)) {
      errors.add(key, 'is not an amendable project detail');
      continue;
    }
    if (input[key] === undefined) continue;
    const value = FIELD_CHECKS[key as keyof ProjectDetails](errors, input[key]);
    if (value !== undefined) result[key] = value;
  }
  return result as Partial<ProjectDetails>;
};

/** Validates a complete set of details (registration), including the cross-field rules. */
export const checkDetails = (errors: FieldErrors, input: Record<string, unknown>): ProjectDetails => {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(FIELD_CHECKS) as (keyof ProjectDetails)[]) {
    result[key] = FIELD_CHECKS[key](errors, input[key]);
  }
  const details = result as ProjectDetails;
  checkCrossFieldRules(errors, details);
  return details;
};

/** Rules across fields, checked on the details as they would stand after the command. */
export const checkCrossFieldRules = (errors: FieldErrors, details: ProjectDetails): void => {
  if (details.leadChannel === 'promotion_event' && details.promotionEvent === null) {
    errors.add('promotionEvent', 'is required when the lead channel is promotion_event');
  }
};

import { isCountryCode } from '../catalogues/countries';
import { RANKING_CODES } from '../catalogues/rankings';
import { checkCodeSet, checkText, type FieldErrors } from '../shared/validation';
import type { InvestorDetails } from './investor.commands';
import { isUnifiedSocialCreditCode } from './unified-social-credit-code';

type Checks = { [K in keyof InvestorDetails]: (errors: FieldErrors, value: unknown) => InvestorDetails[K] | undefined };

export const INVESTOR_FIELD_CHECKS: Checks = {
  name: (e, v) => (checkText(e, 'name', v, 200) ? v.trim() : undefined),
  country: (e, v) => {
    if (isCountryCode(v)) return v;
    e.add('country', 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. CN, HK, SG, US');
    return undefined;
  },
  unifiedSocialCreditCode: (e, v) => {
    if (v === undefined || v === null) return null;
    if (isUnifiedSocialCreditCode(v)) return v;
    e.add(
      'unifiedSocialCreditCode',
      'must be 18 characters (digits and A-Y without I, O, S, V, Z) with a valid check character',
    );
    return undefined;
  },
  rankings: (e, v) => checkCodeSet(e, 'rankings', v, RANKING_CODES),
};

/** The code goes with the country: required for a mainland Chinese enterprise, absent for any other. */
export const checkCreditCodeMatchesCountry = (errors: FieldErrors, details: Partial<InvestorDetails>): void => {
  if (details.country === undefined || details.unifiedSocialCreditCode === undefined) return;
  if (details.country === 'CN' && details.unifiedSocialCreditCode === null) {
    errors.add('unifiedSocialCreditCode', 'is required for an investor registered in CN');
  }
  if (details.country !== 'CN' && details.unifiedSocialCreditCode !== null) {
    errors.add(
      'unifiedSocialCreditCode',
      `must be absent for an investor outside mainland China (country ${details.country})`,
    );
  }
};

import type { Command } from '../shared/messages';
import type { LocalDate } from '../shared/local-date';
import type { CountryCode } from '../catalogues/countries';
import type { Ranking } from '../catalogues/rankings';

export type InvestorDetails = {
  readonly name: string;
  readonly country: CountryCode;
  /** 统一社会信用代码: required (18 chars, check digit valid) when country is CN, null otherwise. */
  readonly unifiedSocialCreditCode: string | null;
  /** A set, kept in catalogue order. */
  readonly rankings: readonly Ranking[];
};

type Recorded = { investorId: string; recordedOn: LocalDate };

/** `registeredByUnit` is the unit of the key that sends the command (the handler's, like `recordedOn`). */
export type RegisterInvestor = Command<
  'RegisterInvestor',
  Recorded & {
    registeredByUnit: string;
    name: string;
    country: CountryCode;
    unifiedSocialCreditCode?: string | null;
    rankings: Ranking[];
  }
>;

/** Only fields present are changed; the result must still be a valid investor. */
export type AmendInvestorDetails = Command<
  'AmendInvestorDetails',
  Recorded & {
    changes: { name?: string; country?: CountryCode; unifiedSocialCreditCode?: string | null; rankings?: Ranking[] };
    reason: string;
  }
>;

export type InvestorCommand = RegisterInvestor | AmendInvestorDetails;

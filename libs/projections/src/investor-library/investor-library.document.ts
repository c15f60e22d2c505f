/** A business registration of one of the firm's projects: a legal entity or branch of the firm in Hunan. */
export type InvestorRegistration = { projectId: string; registeredOn: string };

/** One investor of the investor library (客商资源库), with the projects it has in Hunan. */
export type InvestorLibraryDocument = {
  _id: string;
  _position?: number;
  investorId: string;
  name: string;
  country: string;
  unifiedSocialCreditCode: string | null;
  rankings: string[];
  /** The unit whose key registered the investor (recorded since schema 2 of InvestorRegistered, lifted before). */
  registeredByUnit: string;
  /** Projects whose investor is this firm now (amendments move a project between firms). */
  projectIds: string[];
  /** Every business registration recorded for the firm, ascending by date. */
  registrations: InvestorRegistration[];
  /**
   * The earliest of `registrations`: when the firm's first legal entity or branch in Hunan registered, the
   * moment a Fortune Global 500 / China top-100 firm counts (seed item 3). Earliest by business date, not by
   * arrival: a registration may be recorded late with an earlier date.
   */
  firstRegistration: InvestorRegistration | null;
  amendments: number;
  /** Revision of the investor stream's last event. */
  revision: number;
  createdAt: string;
  updatedAt: string;
};

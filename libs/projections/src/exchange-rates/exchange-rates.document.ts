/** A rate in force: 1 USD = `rate` CNY from `effectiveOn` until the next later entry. */
export type RateEntry = { effectiveOn: string; rate: string; source: string | null; recordedAt: string };

export type RateCorrection = {
  effectiveOn: string;
  rate: string;
  supersedes: string;
  reason: string | null;
  recordedAt: string;
};

/** The dated USD/CNY table, one document: small, read whole by every query that converts. */
export type ExchangeRatesDocument = {
  _id: string;
  _position?: number;
  base: 'USD';
  quote: 'CNY';
  /** Ascending by effectiveOn, one per date (a correction replaces the rate of its date). */
  rates: RateEntry[];
  /** Every correction, in the order recorded: earlier evaluations keep the rate they recorded. */
  corrections: RateCorrection[];
  updatedAt: string;
};

export const USD_CNY_DOCUMENT_ID = 'USD-CNY';

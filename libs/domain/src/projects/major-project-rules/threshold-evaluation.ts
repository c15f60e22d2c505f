import type { Currency, Money } from '../../shared/money';
import type { DecimalString } from '../../shared/decimal';
import type { ExchangeRate } from '../../exchange-rates/rate-table';

export type ThresholdRule = 'transfer_target_domestic' | 'transfer_target_foreign' | 'xiangnan_major_project';

/**
 * Why a project did or did not meet a threshold, recorded inside the event that decided it.
 * When the currencies differ both sides are compared in CNY (USD × rate), which is exact: no division.
 */
export type ThresholdEvaluation = {
  readonly rule: ThresholdRule;
  readonly rulesVersion: string;
  readonly threshold: Money;
  /** The project's total investment in force at the time of the decision. */
  readonly amount: Money;
  readonly comparedIn: Currency;
  /** The amount, converted if needed (exact, not rounded). */
  readonly amountCompared: DecimalString;
  /** The threshold, converted if needed (exact, not rounded). */
  readonly thresholdCompared: DecimalString;
  /** The rate used, or null when no conversion was needed. */
  readonly rate: ExchangeRate | null;
  /** The business date whose rate was looked up. */
  readonly evaluatedOn: string;
  readonly qualifies: boolean;
  /** One readable sentence, for auditors. */
  readonly explanation: string;
};

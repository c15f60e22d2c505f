import { compareDecimals, multiplyDecimals } from '../../shared/decimal';
import { DomainValidationError } from '../../shared/domain-errors';
import type { LocalDate } from '../../shared/local-date';
import { formatMoney, normaliseMoney, type Money } from '../../shared/money';
import { requireRate } from '../../exchange-rates/convert';
import type { RateTable } from '../../exchange-rates/rate-table';
import type { CapitalType } from '../../catalogues/lead-channels';
import { rulesInForce, type MajorProjectRules } from './major-project-rules';
import type { ThresholdEvaluation, ThresholdRule } from './threshold-evaluation';
import type { ProjectReferences } from '../references/project-references';

/** Everything a threshold decision needs from outside the project stream. */
export type ThresholdContext = {
  /** Folded from the `exchange-rates` stream by the handler. */
  readonly exchangeRates: RateTable;
  /** Defaults to MAJOR_PROJECT_RULE_BOOK. */
  readonly rules?: readonly MajorProjectRules[];
};

/** Everything a project decision needs from outside the project stream, read by the handler before deciding. */
export type ProjectDecisionContext = ThresholdContext & {
  /** The investors and parks the command names (see `readsOf`). */
  readonly references: ProjectReferences;
};

const LABELS: Record<ThresholdRule, string> = {
  transfer_target_domestic: 'transfer-project target, domestic capital',
  transfer_target_foreign: 'transfer-project target, foreign capital',
  xiangnan_major_project: 'Xiangnan major project',
};

/**
 * Compares an amount with an inclusive threshold. Same currency: directly. Different currencies: both in
 * CNY, converting the USD side with the latest USD/CNY rate effective on or before `onDate` (exact
 * multiplication, no rounding). A missing rate throws MissingExchangeRateError.
 */
export const evaluateThreshold = (
  rule: ThresholdRule,
  rulesVersion: string,
  threshold: Money,
  amount: Money,
  onDate: LocalDate,
  table: RateTable,
): ThresholdEvaluation => {
  const a = normaliseMoney(amount);
  const t = normaliseMoney(threshold);
  const rate = a.currency === t.currency ? null : requireRate(table, onDate);
  const toCny = (m: Money) => (rate && m.currency === 'USD' ? multiplyDecimals(m.amount, rate.rate) : m.amount);
  const amountCompared = toCny(a);
  const thresholdCompared = toCny(t);
  const comparedIn = rate ? 'CNY' : a.currency;
  const qualifies = compareDecimals(amountCompared, thresholdCompared) >= 0;
  const conversion = rate
    ? ` (compared in CNY at USD/CNY ${rate.rate} effective ${rate.effectiveOn}: ${amountCompared} vs ${thresholdCompared})`
    : '';
  const explanation =
    `${LABELS[rule]}, rules ${rulesVersion}: ${formatMoney(a)} ${qualifies ? 'is at least' : 'is below'} ` +
    `the threshold ${formatMoney(t)}${conversion}; ${qualifies ? 'qualifies' : 'does not qualify'}.`;
  return {
    rule,
    rulesVersion,
    threshold: t,
    amount: a,
    comparedIn,
    amountCompared,
    thresholdCompared,
    rate,
    evaluatedOn: onDate,
    qualifies,
    explanation,
  };
};

const requireRules = (context: ThresholdContext, onDate: LocalDate, field: string): MajorProjectRules => {
  const rules = rulesInForce(onDate, context.rules);
  if (!rules) throw DomainValidationError.single(field, `no major-project rules are in force on ${onDate}`);
  return rules;
};

/** Seed item 2: RMB 200M, or USD 30M for foreign capital, at the amount in force on registration. */
export const evaluateTransferTarget = (
  capitalType: CapitalType,
  totalInvestment: Money,
  registeredOn: LocalDate,
  context: ThresholdContext,
): ThresholdEvaluation => {
  const rules = requireRules(context, registeredOn, 'registeredOn');
  const rule = capitalType === 'foreign' ? 'transfer_target_foreign' : 'transfer_target_domestic';
  return evaluateThreshold(
    rule,
    rules.version,
    rules.transferThreshold[capitalType],
    totalInvestment,
    registeredOn,
    context.exchangeRates,
  );
};

/** Seed item 2: USD 50M or the RMB equivalent, at the amount in force on assignment to the batch. */
export const evaluateXiangnanMajor = (
  totalInvestment: Money,
  assignedOn: LocalDate,
  context: ThresholdContext,
): ThresholdEvaluation => {
  const rules = requireRules(context, assignedOn, 'assignedOn');
  return evaluateThreshold(
    'xiangnan_major_project',
    rules.version,
    rules.xiangnan.threshold,
    totalInvestment,
    assignedOn,
    context.exchangeRates,
  );
};

import { ApiSchema } from '@nestjs/swagger';
import { CITY_CODES, CURRENCIES, INDUSTRY_CODES, PROJECT_STAGE_CODES } from '@itp/domain';
import { AnyObject, Bool, DateStr, DateTimeStr, DecimalStr, Enum, Int, List, Obj, Str } from './view-properties';

export const PROJECT_STATUS_CODES = ['active', 'suspended', 'abandoned'] as const;

/** An exact amount: a decimal string and its currency. */
@ApiSchema({ name: 'Money' })
export class MoneyView {
  @DecimalStr({ example: '250000000.00' })
  amount!: string;

  @Enum(CURRENCIES)
  currency!: string;
}

/** English and Chinese names of a code of the domain's catalogues. */
@ApiSchema({ name: 'Names' })
export class NamesView {
  @Str({ example: 'Changsha' })
  en!: string;

  @Str({ example: '长沙市' })
  zh!: string;
}

/** The USD/CNY rate an amount was converted at. */
@ApiSchema({ name: 'RateUsed' })
export class RateUsedView {
  @DecimalStr({ example: '6.1428' })
  rate!: string;

  @DateStr()
  effectiveOn!: string;
}

/** A USD/CNY rate as recorded with a decision. */
@ApiSchema({ name: 'ExchangeRate' })
export class ExchangeRateView {
  @Enum(['USD'])
  base!: string;

  @Enum(['CNY'])
  quote!: string;

  @DecimalStr()
  rate!: string;

  @DateStr()
  effectiveOn!: string;
}

/**
 * An amount in CNY: `amount` (2 places, half to even), `exact` and the `rate` used (null for CNY); or, when no
 * rate could convert it, `amount` null and the `reason`.
 */
@ApiSchema({ name: 'CnyEquivalent' })
export class CnyEquivalentView {
  @DecimalStr({ nullable: true, description: 'Rounded half to even to 2 places; null when it could not be converted' })
  amount!: string | null;

  @DecimalStr({ required: false, description: 'The exact product (USD × rate): what sums and shares use' })
  exact?: string;

  @Obj(() => RateUsedView, { required: false, nullable: true, description: 'The rate used; null for CNY' })
  rate?: RateUsedView | null;

  @Str({ required: false, description: 'Why there is no amount (no rate)' })
  reason?: string;
}

/** A unit credited with a project and its share; shares sum to 1. */
@ApiSchema({ name: 'IntroducerShare' })
export class IntroducerShareView {
  @Str()
  unit!: string;

  @DecimalStr()
  share!: string;
}

/** Why a threshold was or was not met, as recorded with the decision (never re-evaluated). */
@ApiSchema({ name: 'ThresholdEvaluation' })
export class ThresholdEvaluationView {
  @Enum(['transfer_target_domestic', 'transfer_target_foreign', 'xiangnan_major_project'])
  rule!: string;

  @Str()
  rulesVersion!: string;

  @Obj(() => MoneyView)
  threshold!: MoneyView;

  @Obj(() => MoneyView)
  amount!: MoneyView;

  @Enum(CURRENCIES)
  comparedIn!: string;

  @DecimalStr()
  amountCompared!: string;

  @DecimalStr()
  thresholdCompared!: string;

  @Obj(() => ExchangeRateView, { nullable: true })
  rate!: ExchangeRateView | null;

  @DateStr()
  evaluatedOn!: string;

  @Bool()
  qualifies!: boolean;

  @Str()
  explanation!: string;
}

/** How every list names a project, first: its id, its name and its city. Not a schema of its own. */
export abstract class ProjectRefView {
  @Str()
  projectId!: string;

  @Str()
  name!: string;

  @Enum(CITY_CODES)
  city!: string;
}

/** The few fields of a project that an investor or a park lists. */
@ApiSchema({ name: 'ProjectSummary' })
export class ProjectSummaryView extends ProjectRefView {
  @Str({ nullable: true })
  parkId!: string | null;

  @Str()
  investorId!: string;

  @Enum(INDUSTRY_CODES)
  industry!: string;

  @Enum(PROJECT_STAGE_CODES)
  stage!: string;

  @Enum(PROJECT_STATUS_CODES)
  status!: string;

  @Obj(() => MoneyView)
  totalInvestment!: MoneyView;

  @DateStr({ nullable: true })
  registeredOn!: string | null;

  @Bool()
  countsTowardTarget!: boolean;
}

/** A stored event as auditors read it: what happened, when, on whose authority, and its place in the hash chain. */
@ApiSchema({ name: 'AuditEvent' })
export class AuditEventView {
  @Str()
  eventId!: string;

  @Str()
  streamId!: string;

  @Int({ minimum: 0 })
  revision!: number;

  @Int({ minimum: 0, description: 'Global position in the log' })
  position!: number;

  @Str()
  type!: string;

  @Int({ minimum: 1, description: 'The schema version the event was stored with (never upcast here)' })
  schemaVersion!: number;

  @AnyObject({ description: 'The event data as stored' })
  data!: Record<string, unknown>;

  @DateTimeStr()
  recordedAt!: string;

  @Str({ required: false })
  actor?: string;

  @Str({ required: false })
  role?: string;

  @Str({ required: false })
  unit?: string;

  @Str({ required: false })
  commandId?: string;

  @Str({ required: false })
  correlationId?: string;

  @Str({ required: false })
  causationId?: string;

  @Str({ nullable: true, description: 'SHA-256 (hex) of the previous event of the stream' })
  previousHash!: string | null;

  @Str({ nullable: true, description: 'SHA-256 (hex) of this event' })
  hash!: string | null;
}

/** Where a stream's hash chain breaks. */
@ApiSchema({ name: 'ChainBreak' })
export class ChainBreakView {
  @Int({ minimum: 0 })
  revision!: number;

  @Str()
  eventId!: string;

  @Str()
  reason!: string;
}

/** The verification of a stream's hash chain from revision 0. */
@ApiSchema({ name: 'ChainVerification' })
export class ChainVerificationView {
  @Bool()
  valid!: boolean;

  @Int({ minimum: 0, description: 'Events verified' })
  events!: number;

  @Str({ required: false, description: 'When valid: the hash of the last event' })
  lastHash?: string;

  @Obj(() => ChainBreakView, { required: false, description: 'When not valid: the first event that does not hold' })
  brokenAt?: ChainBreakView;
}

/** A page of the global audit log (GET /audit/events), for its controller to document. */
@ApiSchema({ name: 'AuditEventPage' })
export class AuditEventPageView {
  @List(() => AuditEventView)
  items!: AuditEventView[];

  @Int({ nullable: true, minimum: 0, description: 'Continue with after=nextCursor; null at the end of the log' })
  nextCursor!: number | null;

  @Int({ minimum: 0, description: 'Events read to answer' })
  scanned!: number;
}

import { ApiSchema } from '@nestjs/swagger';
import {
  CAPITAL_TYPE_CODES,
  CITY_CODES,
  INDUSTRY_CODES,
  LEAD_CHANNEL_CODES,
  PROJECT_STAGE_CODES,
  SOURCE_REGION_CODES,
} from '@itp/domain';
import {
  Bool,
  DateStr,
  DateTimeStr,
  Enum,
  EnumList,
  Int,
  List,
  MonthStr,
  Obj,
  Str,
  Strs,
} from '../shared/openapi/view-properties';
import {
  AuditEventView,
  ChainVerificationView,
  CnyEquivalentView,
  IntroducerShareView,
  MoneyView,
  NamesView,
  PROJECT_STATUS_CODES,
  ThresholdEvaluationView,
} from '../shared/openapi/views.dto';
import { PageOf } from '../shared/openapi/page-view';

@ApiSchema({ name: 'PromotionEventRef' })
export class PromotionEventRefView {
  @Str()
  id!: string;

  @Str({ nullable: true })
  name!: string | null;
}

/** The business date each stage was reached, by stage code (only the stages reached). */
@ApiSchema({ name: 'StageDates' })
export class StageDatesView {
  @DateStr({ required: false })
  strategy?: string;

  @DateStr({ required: false })
  intention?: string;

  @DateStr({ required: false })
  negotiating?: string;

  @DateStr({ required: false })
  signed?: string;

  @DateStr({ required: false })
  landed?: string;

  @DateStr({ required: false })
  under_construction?: string;

  @DateStr({ required: false })
  in_production?: string;

  @DateStr({ required: false })
  operating?: string;
}

/** 完成工商注册 as recorded: whether it counts, and why, is final. */
@ApiSchema({ name: 'BusinessRegistration' })
export class BusinessRegistrationView {
  @DateStr()
  registeredOn!: string;

  @Int({ description: 'The year whose target the registration counts toward' })
  targetYear!: number;

  @Bool()
  countsTowardTarget!: boolean;

  @Obj(() => ThresholdEvaluationView)
  evaluation!: ThresholdEvaluationView;

  @Obj(() => MoneyView, { description: 'The amount in force when the registration was recorded' })
  totalInvestment!: MoneyView;

  @Enum(CAPITAL_TYPE_CODES)
  capitalType!: string;

  @Enum(CITY_CODES)
  city!: string;

  @Str()
  investorId!: string;

  @List(() => IntroducerShareView, { description: 'The credit split in force when the project counted' })
  introducers!: IntroducerShareView[];
}

/** Assignment to a batch of the Xiangnan demonstration zone. */
@ApiSchema({ name: 'XiangnanAssignment' })
export class XiangnanView {
  @Int({ minimum: 1 })
  batch!: number;

  @DateStr()
  assignedOn!: string;

  @Enum(CITY_CODES)
  city!: string;

  @Bool()
  qualifiesAsMajor!: boolean;

  @Obj(() => ThresholdEvaluationView)
  evaluation!: ThresholdEvaluationView;
}

@ApiSchema({ name: 'Abandonment' })
export class AbandonmentView {
  @DateStr()
  abandonedOn!: string;

  @Enum(PROJECT_STAGE_CODES)
  stage!: string;

  @Bool()
  wasSuspended!: boolean;

  @Str()
  reason!: string;
}

@ApiSchema({ name: 'LastAmendment' })
export class LastAmendmentView {
  @Strs({ description: 'The fields the amendment changed' })
  fields!: string[];

  @Str()
  reason!: string;

  @DateTimeStr()
  recordedAt!: string;
}

@ApiSchema({ name: 'ProgressCorrection' })
export class ProgressCorrectionView {
  @Obj(() => MoneyView)
  previous!: MoneyView;

  @Str()
  reason!: string;
}

@ApiSchema({ name: 'ProgressEntry' })
export class ProgressEntryView {
  @MonthStr()
  month!: string;

  @Obj(() => MoneyView, { description: 'Cumulative investment completed up to the end of the month' })
  investmentCompletedToDate!: MoneyView;

  @Obj(() => ProgressCorrectionView, { nullable: true, description: 'Set when the figure was corrected' })
  correction!: ProgressCorrectionView | null;

  @DateTimeStr()
  recordedAt!: string;
}

/** A problem as it was raised to the joint conference: what, to whom, when. Not a schema of its own. */
export abstract class RaisedProblemView {
  @Str()
  problemId!: string;

  @Str()
  title!: string;

  @Str()
  assignedUnit!: string;

  @DateStr()
  raisedOn!: string;
}

@ApiSchema({ name: 'ProjectProblemSummary' })
export class ProjectProblemView extends RaisedProblemView {
  @DateStr({ nullable: true })
  resolvedOn!: string | null;
}

@ApiSchema({ name: 'Suspension' })
export class SuspensionView {
  @DateStr()
  suspendedOn!: string;

  @Enum(PROJECT_STAGE_CODES)
  stage!: string;

  @Str()
  reason!: string;

  @DateStr({ nullable: true })
  resumedOn!: string | null;

  @Str({ nullable: true })
  resumeNote!: string | null;
}

/** A month a followed project owed a progress report for, and how it was met. */
@ApiSchema({ name: 'OwedMonth' })
export class OwedMonthView {
  @MonthStr()
  month!: string;

  @DateStr({ description: "The last day on which the month's report is on time" })
  dueOn!: string;

  @Enum(['on_time', 'late', 'missing'])
  status!: string;

  @DateStr({ nullable: true, description: 'The day the first report of the month was recorded; null when missing' })
  recordedOn!: string | null;
}

@ApiSchema({ name: 'Staleness' })
export class StalenessView {
  @Bool()
  stale!: boolean;

  @List(() => OwedMonthView)
  missingMonths!: OwedMonthView[];
}

/** A project of the library as the list shows it: without its progress series, problems and suspensions. */
@ApiSchema({ name: 'ProjectListItem' })
export class ProjectListItemView {
  @Str()
  projectId!: string;

  @Str()
  name!: string;

  @Str({ description: 'The investor the project belongs to now' })
  investorId!: string;

  @Enum(CITY_CODES, { description: 'GB/T 2260 code' })
  city!: string;

  @Obj(() => NamesView)
  cityName!: NamesView;

  @Str({ nullable: true })
  parkId!: string | null;

  @Enum(INDUSTRY_CODES)
  industry!: string;

  @Enum(CAPITAL_TYPE_CODES)
  capitalType!: string;

  @Obj(() => MoneyView, { description: 'As it is now' })
  totalInvestment!: MoneyView;

  @EnumList(SOURCE_REGION_CODES)
  sourceRegions!: string[];

  @Enum(LEAD_CHANNEL_CODES)
  leadChannel!: string;

  @Obj(() => PromotionEventRefView, { nullable: true })
  promotionEvent!: PromotionEventRefView | null;

  @List(() => IntroducerShareView)
  introducers!: IntroducerShareView[];

  @Strs()
  introducerUnits!: string[];

  @Enum(PROJECT_STAGE_CODES)
  stage!: string;

  @Enum(PROJECT_STATUS_CODES)
  status!: string;

  @DateStr()
  identifiedOn!: string;

  @DateStr({ nullable: true })
  signedOn!: string | null;

  @DateStr({ nullable: true })
  landedOn!: string | null;

  @Obj(() => StageDatesView)
  stageReachedOn!: StageDatesView;

  @DateStr({ nullable: true })
  registeredOn!: string | null;

  @Int({ nullable: true })
  targetYear!: number | null;

  @Bool()
  countsTowardTarget!: boolean;

  @Obj(() => BusinessRegistrationView, { nullable: true })
  businessRegistration!: BusinessRegistrationView | null;

  @Obj(() => XiangnanView, { nullable: true })
  xiangnan!: XiangnanView | null;

  @Int({ minimum: 0 })
  openProblems!: number;

  @Int({ minimum: 0 })
  resolvedProblems!: number;

  @Obj(() => AbandonmentView, { nullable: true })
  abandonment!: AbandonmentView | null;

  @Int({ minimum: 0 })
  amendments!: number;

  @Obj(() => LastAmendmentView, { nullable: true })
  lastAmendment!: LastAmendmentView | null;

  @Int({ minimum: 0, description: 'Revision of the project stream (the ETag of GET /projects/{id})' })
  revision!: number;

  @DateTimeStr()
  createdAt!: string;

  @DateTimeStr()
  updatedAt!: string;

  @Obj(() => CnyEquivalentView, {
    description: 'At the rate on the business registration date, or the latest rate when not registered yet',
  })
  totalInvestmentCny!: CnyEquivalentView;

  @Obj(() => StalenessView, { required: false, description: 'With `stale` in the query only' })
  staleness?: StalenessView;
}

/** One project of the library, with its progress series, problems and suspensions. */
@ApiSchema({ name: 'Project' })
export class ProjectView extends ProjectListItemView {
  @List(() => ProgressEntryView, { description: 'Cumulative figures, one per month, ascending' })
  progress!: ProgressEntryView[];

  @List(() => ProjectProblemView)
  problems!: ProjectProblemView[];

  @List(() => SuspensionView)
  suspensions!: SuspensionView[];
}

@ApiSchema({ name: 'StaleRule' })
export class StaleRuleView {
  @DateStr()
  referenceDate!: string;

  @Int({ minimum: 1, maximum: 28 })
  dueDay!: number;

  @Str()
  rule!: string;
}

@ApiSchema({ name: 'ProjectPage' })
export class ProjectPageView extends PageOf(() => ProjectListItemView) {
  @Obj(() => StaleRuleView, { required: false, description: 'With `stale` in the query only' })
  stale?: StaleRuleView;
}

@ApiSchema({ name: 'ProjectHistory' })
export class ProjectHistoryView {
  @Str()
  projectId!: string;

  @Str()
  streamId!: string;

  @DateTimeStr({ nullable: true, description: 'The instant asked for, or null for the whole history' })
  asOf!: string | null;

  @List(() => AuditEventView)
  events!: AuditEventView[];

  @Obj(() => ChainVerificationView, { description: 'Verified over the events shown, from revision 0' })
  chain!: ChainVerificationView;
}

/** A problem raised to the joint conference, as it stood on `ageOn`. */
@ApiSchema({ name: 'ProblemItem' })
export class ProblemItemView {
  @Str()
  problemId!: string;

  @Str()
  projectId!: string;

  @Str({ nullable: true })
  projectName!: string | null;

  @Enum(CITY_CODES, { nullable: true })
  city!: string | null;

  @Obj(() => NamesView, { nullable: true })
  cityName!: NamesView | null;

  @Str()
  title!: string;

  @Str()
  description!: string;

  @Str()
  assignedUnit!: string;

  @DateStr()
  raisedOn!: string;

  @Enum(['open', 'resolved'])
  status!: string;

  @DateStr({ nullable: true })
  resolvedOn!: string | null;

  @Str({ nullable: true })
  resolution!: string | null;

  @Int({ minimum: 0, description: 'Days from raisedOn to its resolution, or to ageOn while open' })
  ageDays!: number;
}

@ApiSchema({ name: 'ProblemUnit' })
export class ProblemUnitView {
  @Str()
  assignedUnit!: string;

  @Int({ minimum: 0, description: 'Problems of this unit among all that match the query (not only the page)' })
  problems!: number;

  @Int({ minimum: 0, description: 'Of them, open on `ageOn`' })
  open!: number;

  @Int({ minimum: 0, nullable: true, description: 'Age in days of its oldest open problem; null when none is open' })
  oldestOpenDays!: number | null;
}

@ApiSchema({ name: 'ProblemList' })
export class ProblemListView {
  @DateStr({
    description: 'The business date of the statuses and ages (the `ageOn` asked, or today / the day of `asOf`)',
  })
  ageOn!: string;

  @List(() => ProblemItemView, { description: 'The page: open ones first, then by raisedOn' })
  items!: ProblemItemView[];

  @Int({ minimum: 0, description: 'Problems that match, on every page' })
  total!: number;

  @Int({ minimum: 1 })
  page!: number;

  @Int({ minimum: 1 })
  pageSize!: number;

  @List(() => ProblemUnitView, {
    description: 'Every match summed by owning unit, the unit with the oldest open problem first',
  })
  units!: ProblemUnitView[];
}

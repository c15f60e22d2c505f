import { ApiSchema, IntersectionType } from '@nestjs/swagger';
import {
  CITY_CODES,
  INDUSTRY_CODES,
  LEAD_CHANNEL_CODES,
  PARK_LEVEL_CODES,
  PROJECT_STAGE_CODES,
  RANKING_CODES,
  SOURCE_REGION_CODES,
} from '@itp/domain';
import {
  Bool,
  DateStr,
  DecimalStr,
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
  CnyEquivalentView,
  MoneyView,
  NamesView,
  PROJECT_STATUS_CODES,
  ProjectRefView,
  RateUsedView,
} from '../shared/openapi/views.dto';
import { ParkRefView } from '../parks/park-views.dto';
import { OwedMonthView, PromotionEventRefView, RaisedProblemView, StaleRuleView } from '../projects/project-views.dto';

// ---- GET /statistics/targets -------------------------------------------------------------------------------

@ApiSchema({ name: 'TargetsCountedProject' })
export class CountedProjectView extends ProjectRefView {
  @DateStr({ nullable: true })
  registeredOn!: string | null;

  @Enum(PROJECT_STATUS_CODES)
  status!: string;

  @Str({ nullable: true })
  explanation!: string | null;

  @Obj(() => MoneyView, { nullable: true, description: 'The amount recorded at the business registration' })
  registeredInvestment!: MoneyView | null;

  @Obj(() => CnyEquivalentView, { nullable: true, description: 'At the rate on the registration date' })
  registeredInvestmentCny!: CnyEquivalentView | null;
}

@ApiSchema({ name: 'TargetsTransferProjects' })
export class TransferProjectsView {
  @Int({ minimum: 0 })
  counted!: number;

  @Int({ nullable: true })
  target!: number | null;

  @Int({ nullable: true })
  stretch!: number | null;

  @Bool({ nullable: true, description: 'null: no target for the year' })
  met!: boolean | null;

  @Int({ minimum: 0 })
  abandonedSinceCounted!: number;

  @Str()
  rule!: string;

  @List(() => CountedProjectView)
  projects!: CountedProjectView[];
}

@ApiSchema({ name: 'TargetsXiangnanProject' })
export class XiangnanProjectView extends ProjectRefView {
  @Int({ minimum: 1 })
  batch!: number;

  @DateStr()
  assignedOn!: string;

  @Str()
  explanation!: string;
}

/** A count against the year's target, and the rule it counts by. Not a schema of its own. */
export class CountedAgainstTargetView {
  @Int({ minimum: 0 })
  counted!: number;

  @Int({ nullable: true })
  target!: number | null;

  @Bool({ nullable: true })
  met!: boolean | null;

  @Str()
  rule!: string;
}

/** The batch of the Xiangnan zone the year's target counts (null: any batch). Not a schema of its own. */
class XiangnanBatchView {
  @Int({ nullable: true })
  batch!: number | null;
}

@ApiSchema({ name: 'TargetsXiangnanMajorProjects' })
export class XiangnanMajorProjectsView extends IntersectionType(XiangnanBatchView, CountedAgainstTargetView) {
  @List(() => XiangnanProjectView)
  projects!: XiangnanProjectView[];
}

@ApiSchema({ name: 'TargetsFirstRegistration' })
export class TargetsFirstRegistrationView {
  @Str({ nullable: true, description: "null: a project of a city outside the key's scope" })
  projectId!: string | null;

  @DateStr()
  registeredOn!: string;
}

@ApiSchema({ name: 'TargetsRankedFirm' })
export class RankedFirmView {
  @Str()
  investorId!: string;

  @Str()
  name!: string;

  @EnumList(RANKING_CODES)
  rankings!: string[];

  @Obj(() => TargetsFirstRegistrationView, { nullable: true })
  firstRegistration!: TargetsFirstRegistrationView | null;
}

@ApiSchema({ name: 'TargetsRankedFirms' })
export class RankedFirmsView extends CountedAgainstTargetView {
  @List(() => RankedFirmView)
  investors!: RankedFirmView[];
}

@ApiSchema({ name: 'TargetsParkReaching' })
export class ParkReachingView extends ParkRefView {
  @Enum(PARK_LEVEL_CODES)
  level!: string;

  @DateStr({ nullable: true })
  approvedOn!: string | null;

  @Enum(['registration', 'upgrade'])
  via!: string;
}

@ApiSchema({ name: 'TargetsNationalZones' })
export class NationalZonesView {
  @Int({ minimum: 0 })
  counted!: number;

  @Int({ nullable: true })
  min!: number | null;

  @Int({ nullable: true })
  max!: number | null;

  @Bool({ nullable: true })
  met!: boolean | null;

  @Str()
  rule!: string;

  @List(() => ParkReachingView)
  parks!: ParkReachingView[];
}

@ApiSchema({ name: 'TargetsBondedZones' })
export class BondedZonesView extends CountedAgainstTargetView {
  @List(() => ParkReachingView)
  parks!: ParkReachingView[];
}

@ApiSchema({ name: 'TargetsFactoryPark' })
export class FactoryParkView extends ParkRefView {
  @DecimalStr({ description: 'm² completed in the year' })
  floorAreaSqm!: string;
}

@ApiSchema({ name: 'TargetsStandardFactory' })
export class StandardFactoryTargetView {
  @DecimalStr({ description: 'm², exact' })
  completedSqm!: string;

  @DecimalStr({ nullable: true })
  target!: string | null;

  @Bool({ nullable: true })
  met!: boolean | null;

  @Str()
  rule!: string;

  @List(() => FactoryParkView)
  parks!: FactoryParkView[];
}

/** Progress against the year's targets: every count with the ids and names behind it. */
@ApiSchema({ name: 'TargetsReport' })
export class TargetsReportView {
  @Int()
  year!: number;

  @Str({ nullable: true, description: 'Where the targets come from; null: no targets for the year' })
  targetsSource!: string | null;

  @Obj(() => TransferProjectsView)
  transferProjects!: TransferProjectsView;

  @Obj(() => XiangnanMajorProjectsView)
  xiangnanMajorProjects!: XiangnanMajorProjectsView;

  @Obj(() => RankedFirmsView)
  rankedFirms!: RankedFirmsView;

  @Obj(() => NationalZonesView)
  nationalZones!: NationalZonesView;

  @Obj(() => BondedZonesView)
  comprehensiveBondedZones!: BondedZonesView;

  @Obj(() => StandardFactoryTargetView)
  standardFactory!: StandardFactoryTargetView;
}

// ---- GET /reports/monthly-dispatch -------------------------------------------------------------------------

@ApiSchema({ name: 'MoneyAsOfMonth' })
export class MoneyAsOfMonthView extends MoneyView {
  @MonthStr({ description: 'The month of the last figure reported' })
  asOfMonth!: string;
}

@ApiSchema({ name: 'DispatchOpenProblem' })
export class DispatchOpenProblemView extends RaisedProblemView {}

/** A project of a report that names its city in words too. Not a schema of its own. */
export abstract class CityNamedProjectView extends ProjectRefView {
  @Obj(() => NamesView)
  cityName!: NamesView;
}

@ApiSchema({ name: 'DispatchProject' })
export class DispatchProjectView extends CityNamedProjectView {
  @Enum(PROJECT_STAGE_CODES, { description: "At the month's end" })
  stage!: string;

  @Enum(PROJECT_STATUS_CODES, { description: "At the month's end" })
  status!: string;

  @EnumList(['counts_toward_target', 'xiangnan_major', 'at_transfer_threshold'])
  majorBecause!: string[];

  @Bool({ description: 'Whether the month was reported' })
  reported!: boolean;

  @Obj(() => MoneyView, { nullable: true })
  investmentThisMonth!: MoneyView | null;

  @Obj(() => MoneyAsOfMonthView, { nullable: true })
  investmentToDate!: MoneyAsOfMonthView | null;

  @Obj(() => CnyEquivalentView, { nullable: true })
  investmentThisMonthCny!: CnyEquivalentView | null;

  @Obj(() => CnyEquivalentView, { nullable: true })
  investmentToDateCny!: CnyEquivalentView | null;

  @List(() => DispatchOpenProblemView)
  openProblems!: DispatchOpenProblemView[];

  @Bool({ description: 'Stale on the reference date' })
  stale!: boolean;
}

@ApiSchema({ name: 'DispatchTotals' })
export class DispatchTotalsView {
  @Int({ minimum: 0 })
  projects!: number;

  @Int({ minimum: 0 })
  reported!: number;

  @Int({ minimum: 0 })
  notReported!: number;

  @DecimalStr()
  investmentThisMonthCny!: string;

  @DecimalStr()
  investmentToDateCny!: string;

  @Int({ minimum: 0 })
  openProblems!: number;
}

/** A row of a report per city: the city's code and its names. Not a schema of its own. */
export class CityRowView {
  @Enum(CITY_CODES)
  city!: string;

  @Obj(() => NamesView)
  cityName!: NamesView;
}

@ApiSchema({ name: 'DispatchCityTotals' })
export class DispatchCityTotalsView extends IntersectionType(DispatchTotalsView, CityRowView) {}

@ApiSchema({ name: 'DispatchUnevaluated' })
export class DispatchUnevaluatedView {
  @Str()
  projectId!: string;

  @Str()
  reason!: string;
}

@ApiSchema({ name: 'StaleProject' })
export class StaleProjectView extends CityNamedProjectView {
  @Enum(PROJECT_STAGE_CODES)
  stage!: string;

  @Enum(PROJECT_STATUS_CODES)
  status!: string;

  @Strs({ description: 'The units that introduced the project (now): they answer for its reports' })
  responsibleUnits!: string[];

  @List(() => OwedMonthView)
  missingMonths!: OwedMonthView[];
}

@ApiSchema({ name: 'StaleCityCount' })
export class StaleCityCountView extends CityRowView {
  @Int({ minimum: 0 })
  projects!: number;
}

@ApiSchema({ name: 'DispatchStale' })
export class DispatchStaleView extends StaleRuleView {
  @Int({ minimum: 0 })
  total!: number;

  @List(() => StaleCityCountView)
  byCity!: StaleCityCountView[];

  @List(() => StaleProjectView)
  projects!: StaleProjectView[];
}

/** 一月一调度: the month's progress of every major project, totals by city, and the stale projects. */
@ApiSchema({ name: 'MonthlyDispatch' })
export class MonthlyDispatchView {
  @MonthStr()
  month!: string;

  @Str()
  definition!: string;

  @List(() => DispatchProjectView)
  projects!: DispatchProjectView[];

  @List(() => DispatchCityTotalsView)
  byCity!: DispatchCityTotalsView[];

  @Obj(() => DispatchTotalsView)
  totals!: DispatchTotalsView;

  @Strs({ description: 'Projects whose amounts could not be converted to CNY (no rate): left out of the CNY sums' })
  unconverted!: string[];

  @List(() => DispatchUnevaluatedView, { description: 'Projects whose threshold test could not be made this month' })
  unevaluated!: DispatchUnevaluatedView[];

  @Obj(() => DispatchStaleView)
  stale!: DispatchStaleView;
}

// ---- GET /reports/quarterly-bulletin -----------------------------------------------------------------------

@ApiSchema({ name: 'BulletinFigures' })
export class BulletinFiguresView {
  @Int({ minimum: 0 })
  projects!: number;

  @DecimalStr()
  amountCny!: string;

  @Strs()
  projectIds!: string[];
}

@ApiSchema({ name: 'BulletinTally' })
export class BulletinTallyView {
  @Obj(() => BulletinFiguresView)
  quarter!: BulletinFiguresView;

  @Obj(() => BulletinFiguresView)
  yearToDate!: BulletinFiguresView;
}

@ApiSchema({ name: 'BulletinCity' })
export class BulletinCityView extends IntersectionType(BulletinTallyView, CityRowView) {
  @Int({ minimum: 1 })
  rank!: number;
}

@ApiSchema({ name: 'BulletinSourceRegion' })
export class BulletinSourceRegionView extends BulletinTallyView {
  @Enum(SOURCE_REGION_CODES)
  sourceRegion!: string;

  @Obj(() => NamesView)
  name!: NamesView;
}

@ApiSchema({ name: 'BulletinIndustry' })
export class BulletinIndustryView extends BulletinTallyView {
  @Enum(INDUSTRY_CODES)
  industry!: string;

  @Obj(() => NamesView)
  name!: NamesView;
}

@ApiSchema({ name: 'Period' })
export class PeriodView {
  @DateStr()
  start!: string;

  @DateStr()
  end!: string;
}

/** 一季一通报: the quarter's and the year's counted projects per city (ranked), per source region, per industry. */
@ApiSchema({ name: 'QuarterlyBulletin' })
export class QuarterlyBulletinView {
  @Str({ example: '2014-Q2' })
  quarter!: string;

  @Obj(() => PeriodView)
  period!: PeriodView;

  @Str()
  rules!: string;

  @Obj(() => BulletinTallyView)
  totals!: BulletinTallyView;

  @List(() => BulletinCityView)
  byCity!: BulletinCityView[];

  @List(() => BulletinSourceRegionView)
  bySourceRegion!: BulletinSourceRegionView[];

  @List(() => BulletinIndustryView)
  byIndustry!: BulletinIndustryView[];

  @Strs({ description: 'Counted projects whose amount could not be converted: not in the sums' })
  unconverted!: string[];
}

// ---- GET /assessment ---------------------------------------------------------------------------------------

@ApiSchema({ name: 'AssessmentProject' })
export class AssessmentProjectView extends ProjectRefView {
  @DateStr()
  registeredOn!: string;

  @DecimalStr()
  share!: string;

  @Obj(() => RateUsedView, {
    nullable: true,
    description: 'The USD/CNY rate used; null for CNY or when there was none',
  })
  rate!: RateUsedView | null;

  @DecimalStr({ nullable: true, description: 'Exact, never rounded; null when the amount could not be converted' })
  amountCreditedCny!: string | null;
}

@ApiSchema({ name: 'AssessmentUnit' })
export class AssessmentUnitView {
  @Int({ minimum: 1 })
  rank!: number;

  @Str()
  unit!: string;

  @DecimalStr({ description: 'Sum of shares' })
  projectsCredited!: string;

  @DecimalStr()
  amountCreditedCny!: string;

  @List(() => AssessmentProjectView)
  projects!: AssessmentProjectView[];
}

/** 绩效考核: credit per introducing unit for the projects counted in the year, ranked. */
@ApiSchema({ name: 'Assessment' })
export class AssessmentView {
  @Int()
  year!: number;

  @Str()
  rules!: string;

  @Int({ minimum: 0 })
  projectsCounted!: number;

  @List(() => AssessmentUnitView)
  units!: AssessmentUnitView[];

  @Strs()
  unconverted!: string[];
}

// ---- GET /reports/promotion --------------------------------------------------------------------------------

@ApiSchema({ name: 'PromotionFigure' })
export class PromotionFigureView {
  @Int({ minimum: 0 })
  count!: number;

  @DecimalStr()
  amountCny!: string;

  @Strs()
  projectIds!: string[];
}

@ApiSchema({ name: 'PromotionFigures' })
export class PromotionFiguresView {
  @Obj(() => PromotionFigureView, { description: 'Leads registered (identified) in the year' })
  leads!: PromotionFigureView;

  @Obj(() => PromotionFigureView, { description: 'Contracts signed in the year' })
  contracts!: PromotionFigureView;

  @Obj(() => PromotionFigureView, { description: "Business registrations counted toward the year's target" })
  registrations!: PromotionFigureView;
}

@ApiSchema({ name: 'PromotionChannel' })
export class PromotionChannelView extends PromotionFiguresView {
  @Enum(LEAD_CHANNEL_CODES)
  channel!: string;

  @Obj(() => NamesView)
  name!: NamesView;
}

@ApiSchema({ name: 'PromotionEventFigures' })
export class PromotionEventView extends PromotionFiguresView {
  @Str()
  eventId!: string;

  @Str({ nullable: true, description: 'The name on the most recently identified project that gave one' })
  name!: string | null;

  @Strs({ description: 'The other names projects gave the same event id' })
  otherNames!: string[];
}

@ApiSchema({ name: 'PromotionLine' })
export class PromotionLineView extends ProjectRefView {
  @Enum(LEAD_CHANNEL_CODES)
  leadChannel!: string;

  @Obj(() => PromotionEventRefView, { nullable: true })
  promotionEvent!: PromotionEventRefView | null;

  @Enum(['leads', 'contracts', 'registrations'])
  measure!: string;

  @DateStr()
  date!: string;

  @Obj(() => MoneyView)
  amount!: MoneyView;

  @Obj(() => CnyEquivalentView)
  amountCny!: CnyEquivalentView;
}

@ApiSchema({ name: 'PromotionUnconverted' })
export class PromotionUnconvertedView {
  @Str()
  projectId!: string;

  @Enum(['leads', 'contracts', 'registrations'])
  measure!: string;
}

/** 招商成效: what each lead channel and each promotion event yielded in the year. */
@ApiSchema({ name: 'PromotionReport' })
export class PromotionReportView {
  @Int()
  year!: number;

  @Str()
  rules!: string;

  @Obj(() => PromotionFiguresView)
  totals!: PromotionFiguresView;

  @List(() => PromotionChannelView)
  byChannel!: PromotionChannelView[];

  @List(() => PromotionEventView)
  byEvent!: PromotionEventView[];

  @List(() => PromotionLineView)
  projects!: PromotionLineView[];

  @List(() => PromotionUnconvertedView)
  unconverted!: PromotionUnconvertedView[];
}

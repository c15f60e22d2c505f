/**
 * The parts of the query API's answers that the dashboard reads. The API is the contract (GET /api/docs-json);
 * these types are the client's view of it, kept apart from the server's code on purpose.
 */

export type Money = { amount: string; currency: 'CNY' | 'USD' | string };
export type CnyEquivalent = {
  amount: string | null;
  exact?: string;
  rate: { rate: string; effectiveOn: string } | null;
};
export type Bilingual = { en: string; zh: string };

export type TargetProject = {
  projectId: string;
  name: string;
  city: string;
  registeredOn?: string;
  assignedOn?: string;
  batch?: number;
  status?: string;
  explanation: string;
};
export type RankedFirm = {
  investorId: string;
  name: string;
  rankings: string[];
  /** projectId is null when the project is in a city the key may not read. */
  firstRegistration: { projectId: string | null; registeredOn: string } | null;
};
export type TargetPark = {
  parkId: string;
  name: string;
  city: string;
  level?: string;
  approvedOn?: string;
  via?: string;
  floorAreaSqm?: string;
};

export type TargetsReport = {
  year: number;
  targetsSource: string;
  transferProjects: {
    counted: number;
    target: number;
    stretch: number;
    met: boolean;
    abandonedSinceCounted: number;
    rule: string;
    projects: TargetProject[];
  };
  xiangnanMajorProjects: {
    batch: number;
    counted: number;
    target: number;
    met: boolean;
    rule: string;
    projects: TargetProject[];
  };
  rankedFirms: { counted: number; target: number; met: boolean; rule: string; investors: RankedFirm[] };
  nationalZones: { counted: number; min: number; max: number; met: boolean; rule: string; parks: TargetPark[] };
  comprehensiveBondedZones: { counted: number; target: number; met: boolean; rule: string; parks: TargetPark[] };
  standardFactory: { completedSqm: string; target: string; met: boolean; rule: string; parks: TargetPark[] };
};

export type OpenProblemRef = { problemId: string; title: string; assignedUnit: string; raisedOn: string };

export type DispatchProject = {
  projectId: string;
  name: string;
  city: string;
  stage: string;
  status: 'active' | 'suspended' | 'abandoned';
  majorBecause: string[];
  reported: boolean;
  investmentThisMonth: Money | null;
  investmentToDate: (Money & { asOfMonth: string }) | null;
  investmentThisMonthCny: CnyEquivalent | null;
  investmentToDateCny: CnyEquivalent | null;
  openProblems: OpenProblemRef[];
  stale?: boolean;
};
export type DispatchTotals = {
  projects: number;
  reported: number;
  notReported: number;
  investmentThisMonthCny: string;
  investmentToDateCny: string;
  openProblems: number;
};
export type MonthlyDispatch = {
  month: string;
  definition: string;
  projects: DispatchProject[];
  byCity: (DispatchTotals & { city: string })[];
  totals: DispatchTotals;
  unconverted: string[];
  unevaluated: { projectId: string; reason: string }[];
  /** Issue 12, item 3 (from the backend): the projects that owe progress reports, as of the reference date. */
  stale?: StaleReport;
};

export type StaleMonth = {
  month: string;
  dueOn: string;
  status: 'missing' | 'late' | string;
  recordedOn: string | null;
};
export type StaleProject = {
  projectId: string;
  name: string;
  city: string;
  stage: string;
  status: string;
  responsibleUnits: string[];
  missingMonths: StaleMonth[];
};
export type StaleReport = {
  referenceDate: string;
  dueDay: number;
  rule: string;
  total: number;
  projects: StaleProject[];
};

export type BulletinFigure = { projects: number; amountCny: string; projectIds: string[] };
export type BulletinRow = { quarter: BulletinFigure; yearToDate: BulletinFigure };
export type QuarterlyBulletin = {
  quarter: string;
  period: { start: string; end: string };
  rules: string;
  totals: BulletinRow;
  byCity: (BulletinRow & { city: string; rank: number })[];
  bySourceRegion: (BulletinRow & { sourceRegion: string })[];
  byIndustry: (BulletinRow & { industry: string })[];
  unconverted: string[];
};

export type Problem = {
  problemId: string;
  projectId: string;
  projectName: string;
  city: string;
  title: string;
  description: string;
  assignedUnit: string;
  raisedOn: string;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
  resolution: string | null;
  ageDays: number;
};
export type ProblemUnit = { assignedUnit: string; problems: number; open: number; oldestOpenDays: number | null };
/** A page of the problems; `total` and `units` count every problem that matches. */
export type ProblemList = {
  ageOn: string;
  items: Problem[];
  total: number;
  page: number;
  pageSize: number;
  units: ProblemUnit[];
};

export type ProgressEntry = {
  month: string;
  investmentCompletedToDate: Money;
  correction: unknown;
  recordedAt: string;
};
export type ProjectProblem = {
  problemId: string;
  title: string;
  description?: string;
  assignedUnit: string;
  raisedOn: string;
  resolvedOn: string | null;
  resolution?: string | null;
};
export type Project = {
  projectId: string;
  name: string;
  investorId: string;
  city: string;
  parkId: string | null;
  industry: string;
  capitalType: 'domestic' | 'foreign';
  totalInvestment: Money;
  totalInvestmentCny?: CnyEquivalent | null;
  sourceRegions: string[];
  leadChannel: string;
  promotionEvent: { id: string; name: string } | null;
  introducers: { unit: string; share: string }[];
  stage: string;
  status: 'active' | 'suspended' | 'abandoned';
  identifiedOn: string;
  signedOn: string | null;
  registeredOn: string | null;
  stageReachedOn: Record<string, string>;
  countsTowardTarget: boolean | null;
  businessRegistration: {
    registeredOn: string;
    countsTowardTarget: boolean;
    evaluation: { explanation: string };
  } | null;
  xiangnan: { batch: number; assignedOn: string; qualifiesAsMajor: boolean } | null;
  progress?: ProgressEntry[];
  problems?: ProjectProblem[];
  openProblems: number;
  suspensions?: { suspendedOn: string; reason: string; resumedOn: string | null }[];
  abandonment: { abandonedOn: string; reason: string } | null;
  amendments: number;
  /** With `?stale=` (issue 12, item 3): whether the project owes monthly reports, and which. */
  staleness?: { stale: boolean; missingMonths: StaleMonth[] };
};
export type ProjectPage = { items: Project[]; total: number; page: number; pageSize: number };

export type HistoryEvent = {
  eventId: string;
  revision: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  actor: string;
  role: string;
  unit: string;
  previousHash: string;
  hash: string;
};
export type ChainVerification =
  | { valid: true; events: number; lastHash: string }
  | { valid: false; events: number; brokenAt: { revision: number; eventId: string; reason: string } };
export type ProjectHistory = {
  projectId: string;
  streamId: string;
  asOf: string | null;
  events: HistoryEvent[];
  chain: ChainVerification;
};

/** RFC 9457 problem details, as every error of the api answers. */
export type ProblemDetails = { type?: string; title?: string; status: number; detail?: string };

export type PromotionFigure = { count: number; amountCny: string; projectIds: string[] };
export type PromotionFigures = { leads: PromotionFigure; contracts: PromotionFigure; registrations: PromotionFigure };
export type PromotionMeasure = keyof PromotionFigures;
export type PromotionReport = {
  year: number;
  rules: string;
  totals: PromotionFigures;
  byChannel: (PromotionFigures & { channel: string })[];
  byEvent: (PromotionFigures & { eventId: string; name: string | null; otherNames: string[] })[];
  projects: {
    projectId: string;
    name: string;
    city: string;
    leadChannel: string;
    promotionEvent: { id: string; name?: string } | null;
    measure: PromotionMeasure;
    date: string;
    amount: Money;
    amountCny: CnyEquivalent;
  }[];
  unconverted: { projectId: string; measure: PromotionMeasure }[];
};

/** Whose view an answer is (header X-Read-Scope, ADR 0009): '*' for the province, else the key's cities. */
export type ReadScope = '*' | string[];

export type AssessmentReport = {
  year: number;
  rules: string;
  projectsCounted: number;
  units: {
    rank: number;
    unit: string;
    projectsCredited: string;
    amountCreditedCny: string;
    projects: {
      projectId: string;
      name: string;
      city: string;
      registeredOn: string;
      share: string;
      amountCreditedCny: string;
    }[];
  }[];
};

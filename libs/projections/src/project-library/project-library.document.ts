import type { Money, ProjectRegistered, ProjectStage, ThresholdEvaluation } from '@itp/domain';
import { cityName, type CityName } from '../shared/domain-event';

export type IntroducerShare = { unit: string; share: string };

/** 完成工商注册, as recorded: whether it counts and why is final (the domain never re-evaluates it). */
export type BusinessRegistrationView = {
  registeredOn: string;
  targetYear: number;
  countsTowardTarget: boolean;
  /** The rule, threshold, rate and sentence recorded with the decision. */
  evaluation: ThresholdEvaluation;
  /** The amount in force when the registration was recorded (later amendments change `totalInvestment` only). */
  totalInvestment: Money;
  capitalType: string;
  city: string;
  investorId: string;
  /** The credit split in force when the project counted (seed item 25). */
  introducers: IntroducerShare[];
};

export type XiangnanView = {
  batch: number;
  assignedOn: string;
  city: string;
  qualifiesAsMajor: boolean;
  evaluation: ThresholdEvaluation;
};

export type ProgressEntry = {
  month: string;
  investmentCompletedToDate: Money;
  /** Set when the figure was corrected: what it replaced and why. */
  correction: { previous: Money; reason: string } | null;
  recordedAt: string;
};

export type ProblemSummary = {
  problemId: string;
  title: string;
  assignedUnit: string;
  raisedOn: string;
  resolvedOn: string | null;
};

export type SuspensionEntry = {
  suspendedOn: string;
  stage: string;
  reason: string;
  resumedOn: string | null;
  resumeNote: string | null;
};

export type AbandonmentView = { abandonedOn: string; stage: string; wasSuspended: boolean; reason: string };

export type ProjectStatus = 'active' | 'suspended' | 'abandoned';

/** One project of the project library (项目库): its details as they are now, and its life so far. */
export type ProjectLibraryDocument = {
  _id: string;
  _position?: number;
  projectId: string;
  name: string;
  investorId: string;
  city: string;
  cityName: CityName;
  parkId: string | null;
  industry: string;
  capitalType: string;
  totalInvestment: Money;
  sourceRegions: string[];
  leadChannel: string;
  promotionEvent: { id: string; name: string | null } | null;
  introducers: IntroducerShare[];
  /** The introducers' units alone, to filter on with plain equality. */
  introducerUnits: string[];
  stage: ProjectStage;
  status: ProjectStatus;
  identifiedOn: string;
  signedOn: string | null;
  landedOn: string | null;
  /** The business date each stage was reached, by stage code. */
  stageReachedOn: Record<string, string>;
  /** Copies of businessRegistration fields, top level for filters and sorting. */
  registeredOn: string | null;
  targetYear: number | null;
  countsTowardTarget: boolean;
  businessRegistration: BusinessRegistrationView | null;
  xiangnan: XiangnanView | null;
  /** Cumulative figures, ascending by month, one per month. */
  progress: ProgressEntry[];
  problems: ProblemSummary[];
  openProblems: number;
  resolvedProblems: number;
  suspensions: SuspensionEntry[];
  abandonment: AbandonmentView | null;
  amendments: number;
  lastAmendment: { fields: string[]; reason: string; recordedAt: string } | null;
  /** Revision of the project stream's last event: the ETag of GET /projects/{id}. */
  revision: number;
  createdAt: string;
  updatedAt: string;
};

/** The document a ProjectRegistered event starts. */
export const newProjectDocument = (
  data: ProjectRegistered['data'],
  revision: number,
  recordedAt: string,
): ProjectLibraryDocument => ({
  _id: data.projectId,
  projectId: data.projectId,
  name: data.name,
  investorId: data.investorId,
  city: data.city,
  cityName: cityName(data.city),
  parkId: data.parkId,
  industry: data.industry,
  capitalType: data.capitalType,
  totalInvestment: { ...data.totalInvestment },
  sourceRegions: [...data.sourceRegions],
  leadChannel: data.leadChannel,
  promotionEvent: data.promotionEvent ? { ...data.promotionEvent } : null,
  introducers: data.introducers.map(({ unit, share }) => ({ unit, share })),
  introducerUnits: data.introducers.map((i) => i.unit),
  stage: data.stage,
  status: 'active',
  identifiedOn: data.identifiedOn,
  signedOn: null,
  landedOn: null,
  stageReachedOn: { [data.stage]: data.identifiedOn },
  registeredOn: null,
  targetYear: null,
  countsTowardTarget: false,
  businessRegistration: null,
  xiangnan: null,
  progress: [],
  problems: [],
  openProblems: 0,
  resolvedProblems: 0,
  suspensions: [],
  abandonment: null,
  amendments: 0,
  lastAmendment: null,
  revision,
  createdAt: recordedAt,
  updatedAt: recordedAt,
});

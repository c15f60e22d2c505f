import type { DomainEvent } from '../shared/messages';
import { eventCatalogue, FIRST_SCHEMA } from '../shared/event-catalogue';
import type { LocalDate, YearMonth } from '../shared/local-date';
import type { Money } from '../shared/money';
import type { ThresholdEvaluation } from './major-project-rules/threshold-evaluation';
import type { LeadStage, ProjectStage } from './project-stage';
import type { ProjectDetailChanges, ProjectDetails } from './project-details';

export const projectStreamId = (projectId: string): string => `project-${projectId}`;

type OfProject<Data> = { projectId: string } & Data;

export type ProjectRegistered = DomainEvent<
  'ProjectRegistered',
  OfProject<ProjectDetails & { stage: LeadStage; identifiedOn: LocalDate }>
>;

/** Any stage move except signing. */
export type ProjectStageAdvanced = DomainEvent<
  'ProjectStageAdvanced',
  OfProject<{ from: ProjectStage; to: ProjectStage; reachedOn: LocalDate }>
>;

export type ProjectContractSigned = DomainEvent<
  'ProjectContractSigned',
  OfProject<{ from: ProjectStage; signedOn: LocalDate }>
>;

/**
 * 完成工商注册. `countsTowardTarget` is final: later amendments of the investment do not change it.
 * `investorId` lets the investor-library read model date a firm's first entity in Hunan, which the targets
 * report counts for Fortune 500 / top-100 firms;
 * `introducers` is the credit split in force when the project counted (seed item 25).
 */
export type ProjectBusinessRegistered = DomainEvent<
  'ProjectBusinessRegistered',
  OfProject<{
    registeredOn: LocalDate;
    /** The calendar year whose target it counts toward (the year of registeredOn). */
    targetYear: number;
    investorId: string;
    city: ProjectDetails['city'];
    capitalType: ProjectDetails['capitalType'];
    totalInvestment: Money;
    introducers: ProjectDetails['introducers'];
    countsTowardTarget: boolean;
    evaluation: ThresholdEvaluation;
  }>
>;

export type ProjectSuspended = DomainEvent<
  'ProjectSuspended',
  OfProject<{ stage: ProjectStage; reason: string; suspendedOn: LocalDate }>
>;

export type ProjectResumed = DomainEvent<
  'ProjectResumed',
  OfProject<{ stage: ProjectStage; resumedOn: LocalDate; note: string | null }>
>;

export type ProjectAbandoned = DomainEvent<
  'ProjectAbandoned',
  OfProject<{ stage: ProjectStage; wasSuspended: boolean; reason: string; abandonedOn: LocalDate }>
>;

export type ProjectMonthlyProgressReported = DomainEvent<
  'ProjectMonthlyProgressReported',
  OfProject<{ month: YearMonth; investmentCompletedToDate: Money }>
>;

export type ProjectMonthlyProgressCorrected = DomainEvent<
  'ProjectMonthlyProgressCorrected',
  OfProject<{ month: YearMonth; investmentCompletedToDate: Money; previous: Money; reason: string }>
>;

export type ProjectProblemRaised = DomainEvent<
  'ProjectProblemRaised',
  OfProject<{ problemId: string; title: string; description: string; assignedUnit: string; raisedOn: LocalDate }>
>;

export type ProjectProblemResolved = DomainEvent<
  'ProjectProblemResolved',
  OfProject<{ problemId: string; resolution: string; resolvedOn: LocalDate }>
>;

/** `qualifiesAsMajor` counts toward the batch's target (e.g. batch 3: 100 projects of USD 50M or more). */
export type ProjectAssignedToXiangnanBatch = DomainEvent<
  'ProjectAssignedToXiangnanBatch',
  OfProject<{
    batch: number;
    assignedOn: LocalDate;
    city: ProjectDetails['city'];
    qualifiesAsMajor: boolean;
    evaluation: ThresholdEvaluation;
  }>
>;

/** Only the fields that actually changed, with their previous values, and why. */
export type ProjectDetailsAmended = DomainEvent<
  'ProjectDetailsAmended',
  OfProject<{ changes: ProjectDetailChanges; previous: ProjectDetailChanges; reason: string }>
>;

export type ProjectEvent =
  | ProjectRegistered
  | ProjectStageAdvanced
  | ProjectContractSigned
  | ProjectBusinessRegistered
  | ProjectSuspended
  | ProjectResumed
  | ProjectAbandoned
  | ProjectMonthlyProgressReported
  | ProjectMonthlyProgressCorrected
  | ProjectProblemRaised
  | ProjectProblemResolved
  | ProjectAssignedToXiangnanBatch
  | ProjectDetailsAmended;

export type ProjectEventType = ProjectEvent['type'];

/**
 * Every project event type with its schema history: the compiler checks this map against the union above,
 * so neither can miss a type. A new shape of an event is a new upcaster here, never a rewrite of old events.
 */
export const PROJECT_EVENTS = eventCatalogue<ProjectEvent>({
  ProjectRegistered: FIRST_SCHEMA,
  ProjectStageAdvanced: FIRST_SCHEMA,
  ProjectContractSigned: FIRST_SCHEMA,
  ProjectBusinessRegistered: FIRST_SCHEMA,
  ProjectSuspended: FIRST_SCHEMA,
  ProjectResumed: FIRST_SCHEMA,
  ProjectAbandoned: FIRST_SCHEMA,
  ProjectMonthlyProgressReported: FIRST_SCHEMA,
  ProjectMonthlyProgressCorrected: FIRST_SCHEMA,
  ProjectProblemRaised: FIRST_SCHEMA,
  ProjectProblemResolved: FIRST_SCHEMA,
  ProjectAssignedToXiangnanBatch: FIRST_SCHEMA,
  ProjectDetailsAmended: FIRST_SCHEMA,
});

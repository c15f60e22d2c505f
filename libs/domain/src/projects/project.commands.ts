import type { Command } from '../shared/messages';
import type { LocalDate, YearMonth } from '../shared/local-date';
import type { Money } from '../shared/money';
import type { AdvanceableStage, LeadStage } from './project-stage';
import type { ProjectDetailChanges, ProjectDetails } from './project-details';

/** Every project command carries the handler's "today"; business dates may not be later. */
type Recorded = { projectId: string; recordedOn: LocalDate };

/** A new lead, registered at strategy, intention or negotiating. */
export type RegisterProject = Command<
  'RegisterProject',
  Recorded &
    Omit<ProjectDetails, 'parkId' | 'promotionEvent'> & {
      parkId?: string | null;
      promotionEvent?: { id: string; name?: string | null } | null;
      stage: LeadStage;
      /** When the lead was identified (business date). */
      identifiedOn: LocalDate;
    }
>;

/** Moves to a later stage other than `signed` (see SignProjectContract). */
export type AdvanceProjectStage = Command<
  'AdvanceProjectStage',
  Recorded & { stage: AdvanceableStage; reachedOn: LocalDate }
>;

export type SignProjectContract = Command<'SignProjectContract', Recorded & { signedOn: LocalDate }>;

/** 完成工商注册: the moment a project counts toward the year's target. Once, at any stage from signed on. */
export type RecordBusinessRegistration = Command<'RecordBusinessRegistration', Recorded & { registeredOn: LocalDate }>;

export type SuspendProject = Command<'SuspendProject', Recorded & { reason: string; suspendedOn: LocalDate }>;

export type ResumeProject = Command<'ResumeProject', Recorded & { resumedOn: LocalDate; note?: string }>;

export type AbandonProject = Command<'AbandonProject', Recorded & { reason: string; abandonedOn: LocalDate }>;

/**
 * 一月一调度: cumulative investment completed up to the end of `month`. Re-reporting a month with a
 * different figure is a correction and needs `correctionReason`.
 */
export type ReportMonthlyProgress = Command<
  'ReportMonthlyProgress',
  Recorded & { month: YearMonth; investmentCompletedToDate: Money; correctionReason?: string }
>;

/** A problem put to the joint conference (联席会议, seed item 24). */
export type RaiseProblem = Command<
  'RaiseProblem',
  Recorded & { problemId: string; title: string; description: string; assignedUnit: string; raisedOn: LocalDate }
>;

export type ResolveProblem = Command<
  'ResolveProblem',
  Recorded & { problemId: string; resolution: string; resolvedOn: LocalDate }
>;

/** Launches the project in a batch of Xiangnan demonstration-zone major projects (Hengyang, Chenzhou, Yongzhou). */
export type AssignToXiangnanBatch = Command<
  'AssignToXiangnanBatch',
  Recorded & { batch: number; assignedOn: LocalDate }
>;

/** Changes details; only fields present are changed. `parkId`/`promotionEvent` null clears them. */
export type AmendProjectDetails = Command<
  'AmendProjectDetails',
  Recorded & {
    changes: Omit<ProjectDetailChanges, 'promotionEvent'> & {
      promotionEvent?: { id: string; name?: string | null } | null;
    };
    reason: string;
  }
>;

export type ProjectCommand =
  | RegisterProject
  | AdvanceProjectStage
  | SignProjectContract
  | RecordBusinessRegistration
  | SuspendProject
  | ResumeProject
  | AbandonProject
  | ReportMonthlyProgress
  | RaiseProblem
  | ResolveProblem
  | AssignToXiangnanBatch
  | AmendProjectDetails;

export type ProjectCommandType = ProjectCommand['type'];

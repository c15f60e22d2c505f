import type { LocalDate, YearMonth } from '../shared/local-date';
import type { Money } from '../shared/money';
import type { ProjectDetails } from './project-details';
import type { ProjectStage } from './project-stage';

export type ProblemState = {
  readonly problemId: string;
  readonly title: string;
  readonly assignedUnit: string;
  readonly raisedOn: LocalDate;
  readonly resolvedOn: LocalDate | null;
};

/** What every existing project knows, whatever its status. */
export type ProjectFacts = {
  readonly projectId: string;
  readonly details: ProjectDetails;
  readonly stage: ProjectStage;
  readonly identifiedOn: LocalDate;
  /** Date of the latest lifecycle milestone (stage reached, suspended, resumed): the next may not be earlier. */
  readonly lastMilestoneOn: LocalDate;
  readonly signedOn: LocalDate | null;
  readonly businessRegistration: { readonly registeredOn: LocalDate; readonly countsTowardTarget: boolean } | null;
  readonly xiangnan: {
    readonly batch: number;
    readonly assignedOn: LocalDate;
    readonly qualifiesAsMajor: boolean;
  } | null;
  /** Cumulative investment completed, by month. */
  readonly progress: Readonly<Record<YearMonth, Money>>;
  readonly problems: Readonly<Record<string, ProblemState>>;
};

export type Project =
  | { readonly status: 'absent' }
  | ({ readonly status: 'active' } & ProjectFacts)
  | ({
      readonly status: 'suspended';
      readonly suspendedOn: LocalDate;
      readonly suspensionReason: string;
    } & ProjectFacts)
  | ({ readonly status: 'abandoned'; readonly abandonedOn: LocalDate; readonly abandonReason: string } & ProjectFacts);

export type ExistingProject = Exclude<Project, { status: 'absent' }>;
export type ActiveProject = Extract<Project, { status: 'active' }>;

export const initialProjectState = (): Project => ({ status: 'absent' });

/** The facts without the status-specific fields, to rebuild a project in another status. */
export const factsOf = (project: ExistingProject): ProjectFacts => {
  const {
    projectId,
    details,
    stage,
    identifiedOn,
    lastMilestoneOn,
    signedOn,
    businessRegistration,
    xiangnan,
    progress,
    problems,
  } = project;
  return {
    projectId,
    details,
    stage,
    identifiedOn,
    lastMilestoneOn,
    signedOn,
    businessRegistration,
    xiangnan,
    progress,
    problems,
  };
};

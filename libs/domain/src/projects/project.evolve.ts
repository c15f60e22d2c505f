import type { ProjectEvent } from './project.events';
import { factsOf, type ExistingProject, type Project, type ProjectFacts } from './project.state';

/** Applies a change to the facts, keeping the status (and its fields) as it is. */
const update = (state: Project, change: (facts: ProjectFacts) => Partial<ProjectFacts>): Project => {
  if (state.status === 'absent') return state; // events of a project never registered: ignored, nothing to update
  return { ...state, ...change(factsOf(state)) } as ExistingProject;
};

export const evolveProject = (state: Project, event: ProjectEvent): Project => {
  switch (event.type) {
    case 'ProjectRegistered': {
      const { projectId, stage, identifiedOn, ...details } = event.data;
      return {
        status: 'active',
        projectId,
        details,
        stage,
        identifiedOn,
        lastMilestoneOn: identifiedOn,
        signedOn: null,
        businessRegistration: null,
        xiangnan: null,
        progress: {},
        problems: {},
      };
    }
    case 'ProjectStageAdvanced':
      return update(state, () => ({ stage: event.data.to, lastMilestoneOn: event.data.reachedOn }));
    case 'ProjectContractSigned':
      return update(state, () => ({
        stage: 'signed',
        signedOn: event.data.signedOn,
        lastMilestoneOn: event.data.signedOn,
      }));
    case 'ProjectBusinessRegistered':
      return update(state, () => ({
        businessRegistration: {
          registeredOn: event.data.registeredOn,
          countsTowardTarget: event.data.countsTowardTarget,
        },
      }));
    case 'ProjectSuspended':
      if (state.status === 'absent') return state;
      return {
        ...factsOf(state),
        status: 'suspended',
        suspendedOn: event.data.suspendedOn,
        suspensionReason: event.data.reason,
        lastMilestoneOn: event.data.suspendedOn,
      };
    case 'ProjectResumed':
      if (state.status === 'absent') return state;
      return { ...factsOf(state), status: 'active', lastMilestoneOn: event.data.resumedOn };
    case 'ProjectAbandoned':
      if (state.status === 'absent') return state;
      return {
        ...factsOf(state),
        status: 'abandoned',
        abandonedOn: event.data.abandonedOn,
        abandonReason: event.data.reason,
      };
    case 'ProjectMonthlyProgressReported':
    case 'ProjectMonthlyProgressCorrected':
      return update(state, (facts) => ({
        progress: { ...facts.progress, [event.data.month]: event.data.investmentCompletedToDate },
      }));
    case 'ProjectProblemRaised': {
      const { problemId, title, assignedUnit, raisedOn } = event.data;
      return update(state, (facts) => ({
        problems: { ...facts.problems, [problemId]: { problemId, title, assignedUnit, raisedOn, resolvedOn: null } },
      }));
    }
    case 'ProjectProblemResolved':
      return update(state, (facts) => {
        const problem = facts.problems[event.data.problemId];
        if (!problem) return {};
        return {
          problems: { ...facts.problems, [problem.problemId]: { ...problem, resolvedOn: event.data.resolvedOn } },
        };
      });
    case 'ProjectAssignedToXiangnanBatch': {
      const { batch, assignedOn, qualifiesAsMajor } = event.data;
      return update(state, () => ({ xiangnan: { batch, assignedOn, qualifiesAsMajor } }));
    }
    case 'ProjectDetailsAmended':
      return update(state, (facts) => ({ details: { ...facts.details, ...event.data.changes } }));
    default: {
      const unknown: never = event;
      throw new Error(`Unknown project event ${JSON.stringify(unknown)}`);
    }
  }
};

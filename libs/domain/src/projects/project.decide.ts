import type { Decider } from '../shared/messages';
import type { ProjectDecisionContext } from './major-project-rules/evaluate-threshold';
import type { ProjectCommand } from './project.commands';
import type { ProjectEvent } from './project.events';
import { evolveProject } from './project.evolve';
import { initialProjectState, type Project } from './project.state';
import { abandonProject } from './abandon-project/abandon-project';
import { advanceProjectStage } from './advance-project-stage/advance-project-stage';
import { amendProjectDetails } from './amend-project-details/amend-project-details';
import { assignToXiangnanBatch } from './assign-to-xiangnan-batch/assign-to-xiangnan-batch';
import { raiseProblem } from './problems/raise-problem';
import { resolveProblem } from './problems/resolve-problem';
import { recordBusinessRegistration } from './record-business-registration/record-business-registration';
import { registerProject } from './register-project/register-project';
import { reportMonthlyProgress } from './report-monthly-progress/report-monthly-progress';
import { resumeProject } from './resume-project/resume-project';
import { signProjectContract } from './sign-project-contract/sign-project-contract';
import { suspendProject } from './suspend-project/suspend-project';

/**
 * `context` carries what the decision needs from other streams, as `readsOf(command)` lists it: the USD/CNY
 * rate table (RecordBusinessRegistration, AssignToXiangnanBatch), optionally the rule book, and the investors
 * and parks a registration or an amendment names.
 */
export const decideProject = (
  command: ProjectCommand,
  state: Project,
  context: ProjectDecisionContext,
): ProjectEvent[] => {
  switch (command.type) {
    case 'RegisterProject':
      return registerProject(command, state, context.references);
    case 'AdvanceProjectStage':
      return advanceProjectStage(command, state);
    case 'SignProjectContract':
      return signProjectContract(command, state);
    case 'RecordBusinessRegistration':
      return recordBusinessRegistration(command, state, context);
    case 'SuspendProject':
      return suspendProject(command, state);
    case 'ResumeProject':
      return resumeProject(command, state);
    case 'AbandonProject':
      return abandonProject(command, state);
    case 'ReportMonthlyProgress':
      return reportMonthlyProgress(command, state);
    case 'RaiseProblem':
      return raiseProblem(command, state);
    case 'ResolveProblem':
      return resolveProblem(command, state);
    case 'AssignToXiangnanBatch':
      return assignToXiangnanBatch(command, state, context);
    case 'AmendProjectDetails':
      return amendProjectDetails(command, state, context.references);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown project command ${JSON.stringify(unknown)}`);
    }
  }
};

export const projectDecider: Decider<ProjectCommand, ProjectEvent, Project, ProjectDecisionContext> = {
  initialState: initialProjectState,
  decide: decideProject,
  evolve: evolveProject,
};

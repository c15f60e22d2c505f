import {
  AggregateNotFoundError,
  AlreadyExistsError,
  DomainValidationError,
  IllegalTransitionError,
} from '../shared/domain-errors';
import { checkDate, checkId, FieldErrors } from '../shared/validation';
import type { ExistingProject, Project } from './project.state';

/** Starts validating a command: its projectId and recordedOn are always required. */
export const startChecks = (data: { projectId: unknown; recordedOn: unknown }): FieldErrors => {
  const errors = new FieldErrors();
  checkId(errors, 'projectId', data.projectId);
  checkDate(errors, 'recordedOn', data.recordedOn);
  return errors;
};

export const requireAbsent = (state: Project, projectId: string): void => {
  if (state.status !== 'absent') throw new AlreadyExistsError('project', projectId);
};

/** The project must exist and not be abandoned (abandonment is terminal). */
export const requireOpen = (state: Project, projectId: string, action: string): ExistingProject => {
  if (state.status === 'absent') throw new AggregateNotFoundError('project', projectId);
  if (state.projectId !== projectId) {
    throw DomainValidationError.single('projectId', `addresses project ${state.projectId}, not ${projectId}`);
  }
  if (state.status === 'abandoned') {
    throw new IllegalTransitionError(
      'project',
      projectId,
      'abandoned',
      `an abandoned project is closed: cannot ${action}`,
    );
  }
  return state;
};

/** Open and not suspended: stage moves and milestones wait until the project is resumed. */
export const requireActive = (state: Project, projectId: string, action: string) => {
  const project = requireOpen(state, projectId, action);
  if (project.status === 'suspended') {
    throw new IllegalTransitionError(
      'project',
      projectId,
      'suspended',
      `resume the project first: cannot ${action} while suspended`,
    );
  }
  return project;
};

import { IllegalTransitionError, NotFoundError } from '../../shared/domain-errors';
import { checkBusinessDate, checkId, checkText } from '../../shared/validation';
import { requireOpen, startChecks } from '../project-guards';
import type { ResolveProblem } from '../project.commands';
import type { ProjectProblemResolved } from '../project.events';
import type { Project } from '../project.state';

export const resolveProblem = ({ data }: ResolveProblem, state: Project): ProjectProblemResolved[] => {
  const errors = startChecks(data);
  checkId(errors, 'problemId', data.problemId);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'resolve a problem');
  const problem = project.problems[data.problemId];
  if (!problem)
    throw new NotFoundError('problem', data.problemId, `project ${data.projectId} has no problem ${data.problemId}`);
  if (problem.resolvedOn) {
    throw new IllegalTransitionError(
      'problem',
      data.problemId,
      'resolved',
      `it was already resolved on ${problem.resolvedOn}`,
    );
  }
  checkText(errors, 'resolution', data.resolution, 5000);
  checkBusinessDate(errors, 'resolvedOn', data.resolvedOn, data.recordedOn, {
    date: problem.raisedOn,
    label: 'the day it was raised',
  });
  errors.throwIfAny();
  return [
    {
      type: 'ProjectProblemResolved',
      data: {
        projectId: data.projectId,
        problemId: data.problemId,
        resolution: data.resolution.trim(),
        resolvedOn: data.resolvedOn,
      },
    },
  ];
};

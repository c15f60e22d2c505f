import { AlreadyExistsError } from '../../shared/domain-errors';
import { checkBusinessDate, checkId, checkText } from '../../shared/validation';
import { requireOpen, startChecks } from '../project-guards';
import type { RaiseProblem } from '../project.commands';
import type { ProjectProblemRaised } from '../project.events';
import type { Project } from '../project.state';

/** Allowed while suspended: a blocking problem is often why a project is suspended. */
export const raiseProblem = ({ data }: RaiseProblem, state: Project): ProjectProblemRaised[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'raise a problem');
  checkId(errors, 'problemId', data.problemId);
  checkText(errors, 'title', data.title, 200);
  checkText(errors, 'description', data.description, 5000);
  checkText(errors, 'assignedUnit', data.assignedUnit, 200);
  checkBusinessDate(errors, 'raisedOn', data.raisedOn, data.recordedOn, {
    date: project.identifiedOn,
    label: 'the day the lead was identified',
  });
  errors.throwIfAny();
  if (project.problems[data.problemId]) throw new AlreadyExistsError('problem', data.problemId);
  return [
    {
      type: 'ProjectProblemRaised',
      data: {
        projectId: data.projectId,
        problemId: data.problemId,
        title: data.title.trim(),
        description: data.description.trim(),
        assignedUnit: data.assignedUnit.trim(),
        raisedOn: data.raisedOn,
      },
    },
  ];
};

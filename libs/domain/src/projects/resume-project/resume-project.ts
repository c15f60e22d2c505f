import { IllegalTransitionError } from '../../shared/domain-errors';
import { checkBusinessDate, checkText } from '../../shared/validation';
import { requireOpen, startChecks } from '../project-guards';
import type { ResumeProject } from '../project.commands';
import type { ProjectResumed } from '../project.events';
import type { Project } from '../project.state';

export const resumeProject = ({ data }: ResumeProject, state: Project): ProjectResumed[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'resume it');
  if (project.status !== 'suspended') {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.status,
      'only a suspended project can be resumed',
    );
  }
  checkBusinessDate(errors, 'resumedOn', data.resumedOn, data.recordedOn, {
    date: project.suspendedOn,
    label: 'the suspension',
  });
  if (data.note !== undefined) checkText(errors, 'note', data.note, 1000);
  errors.throwIfAny();
  return [
    {
      type: 'ProjectResumed',
      data: {
        projectId: data.projectId,
        stage: project.stage,
        resumedOn: data.resumedOn,
        note: data.note?.trim() ?? null,
      },
    },
  ];
};

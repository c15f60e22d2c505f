import { checkBusinessDate, checkText } from '../../shared/validation';
import { requireActive, startChecks } from '../project-guards';
import type { SuspendProject } from '../project.commands';
import type { ProjectSuspended } from '../project.events';
import type { Project } from '../project.state';

export const suspendProject = ({ data }: SuspendProject, state: Project): ProjectSuspended[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireActive(state, data.projectId, 'suspend it again');
  checkText(errors, 'reason', data.reason, 1000);
  checkBusinessDate(errors, 'suspendedOn', data.suspendedOn, data.recordedOn, {
    date: project.lastMilestoneOn,
    label: 'the previous milestone',
  });
  errors.throwIfAny();
  return [
    {
      type: 'ProjectSuspended',
      data: {
        projectId: data.projectId,
        stage: project.stage,
        reason: data.reason.trim(),
        suspendedOn: data.suspendedOn,
      },
    },
  ];
};

import { checkBusinessDate, checkText } from '../../shared/validation';
import { requireOpen, startChecks } from '../project-guards';
import type { AbandonProject } from '../project.commands';
import type { ProjectAbandoned } from '../project.events';
import type { Project } from '../project.state';

/**
 * Terminal, from any stage, active or suspended. A business registration already counted stays counted:
 * the target counts projects introduced, and the project was introduced that year.
 */
export const abandonProject = ({ data }: AbandonProject, state: Project): ProjectAbandoned[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'abandon it again');
  checkText(errors, 'reason', data.reason, 1000);
  checkBusinessDate(errors, 'abandonedOn', data.abandonedOn, data.recordedOn, {
    date: project.lastMilestoneOn,
    label: 'the previous milestone',
  });
  errors.throwIfAny();
  return [
    {
      type: 'ProjectAbandoned',
      data: {
        projectId: data.projectId,
        stage: project.stage,
        wasSuspended: project.status === 'suspended',
        reason: data.reason.trim(),
        abandonedOn: data.abandonedOn,
      },
    },
  ];
};

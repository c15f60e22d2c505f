import { LEAD_STAGES } from '../project-stage';
import { checkBusinessDate, checkOneOf } from '../../shared/validation';
import { checkDetails } from '../project-details.validate';
import { requireAbsent, startChecks } from '../project-guards';
import type { RegisterProject } from '../project.commands';
import type { ProjectRegistered } from '../project.events';
import type { Project } from '../project.state';

export const registerProject = ({ data }: RegisterProject, state: Project): ProjectRegistered[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  requireAbsent(state, data.projectId);
  const details = checkDetails(errors, data);
  checkOneOf(errors, 'stage', data.stage, LEAD_STAGES);
  checkBusinessDate(errors, 'identifiedOn', data.identifiedOn, data.recordedOn);
  errors.throwIfAny();
  return [
    {
      type: 'ProjectRegistered',
      data: { projectId: data.projectId, ...details, stage: data.stage, identifiedOn: data.identifiedOn },
    },
  ];
};

import { LEAD_STAGES } from '../project-stage';
import { checkBusinessDate, checkOneOf } from '../../shared/validation';
import { checkDetails } from '../project-details.validate';
import { requireAbsent, startChecks } from '../project-guards';
import type { RegisterProject } from '../project.commands';
import type { ProjectRegistered } from '../project.events';
import type { Project } from '../project.state';
import { checkInvestorReference, checkParkReference, type ProjectReferences } from '../references/project-references';

export const registerProject = (
  { data }: RegisterProject,
  state: Project,
  references: ProjectReferences,
): ProjectRegistered[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  requireAbsent(state, data.projectId);
  const details = checkDetails(errors, data);
  checkOneOf(errors, 'stage', data.stage, LEAD_STAGES);
  checkBusinessDate(errors, 'identifiedOn', data.identifiedOn, data.recordedOn);
  errors.throwIfAny();
  checkInvestorReference(errors, 'investorId', details.investorId, references);
  if (details.parkId !== null) checkParkReference(errors, 'parkId', details.parkId, details.city, references);
  errors.throwIfAny();
  return [
    {
      type: 'ProjectRegistered',
      data: { projectId: data.projectId, ...details, stage: data.stage, identifiedOn: data.identifiedOn },
    },
  ];
};

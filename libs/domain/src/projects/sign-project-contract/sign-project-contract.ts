import { IllegalTransitionError } from '../../shared/domain-errors';
import { checkBusinessDate } from '../../shared/validation';
import { isSignedOrLater } from '../project-stage';
import { requireActive, startChecks } from '../project-guards';
import type { SignProjectContract } from '../project.commands';
import type { ProjectContractSigned } from '../project.events';
import type { Project } from '../project.state';

/** From any stage before signing: a lead may go straight from strategy to signed. */
export const signProjectContract = ({ data }: SignProjectContract, state: Project): ProjectContractSigned[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireActive(state, data.projectId, 'sign a contract');
  if (isSignedOrLater(project.stage)) {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.stage,
      `the contract was already signed on ${project.signedOn}`,
    );
  }
  checkBusinessDate(errors, 'signedOn', data.signedOn, data.recordedOn, {
    date: project.lastMilestoneOn,
    label: 'the previous milestone',
  });
  errors.throwIfAny();
  return [
    {
      type: 'ProjectContractSigned',
      data: { projectId: data.projectId, from: project.stage, signedOn: data.signedOn },
    },
  ];
};

import { IllegalTransitionError } from '../../shared/domain-errors';
import { checkBusinessDate, checkOneOf } from '../../shared/validation';
import { ADVANCEABLE_STAGES, canAdvance, isSignedOrLater } from '../project-stage';
import { requireActive, startChecks } from '../project-guards';
import type { AdvanceProjectStage } from '../project.commands';
import type { ProjectStageAdvanced } from '../project.events';
import type { Project } from '../project.state';

export const advanceProjectStage = ({ data }: AdvanceProjectStage, state: Project): ProjectStageAdvanced[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireActive(state, data.projectId, `advance to ${String(data.stage)}`);
  if (data.stage === ('signed' as string)) errors.add('stage', 'a contract is signed with SignProjectContract');
  else checkOneOf(errors, 'stage', data.stage, ADVANCEABLE_STAGES);
  checkBusinessDate(errors, 'reachedOn', data.reachedOn, data.recordedOn, {
    date: project.lastMilestoneOn,
    label: 'the previous milestone',
  });
  errors.throwIfAny();
  if (!canAdvance(project.stage, data.stage)) {
    const rule = isSignedOrLater(project.stage)
      ? 'from signing on, each stage is reached in turn'
      : 'before signing a project only moves forward, and reaches later stages only after signing';
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.stage,
      `cannot advance to ${data.stage}: ${rule}`,
    );
  }
  return [
    {
      type: 'ProjectStageAdvanced',
      data: { projectId: data.projectId, from: project.stage, to: data.stage, reachedOn: data.reachedOn },
    },
  ];
};

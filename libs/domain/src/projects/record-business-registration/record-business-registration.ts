import { IllegalTransitionError } from '../../shared/domain-errors';
import { yearOf } from '../../shared/local-date';
import { checkBusinessDate } from '../../shared/validation';
import { evaluateTransferTarget, type ProjectDecisionContext } from '../major-project-rules/evaluate-threshold';
import { isSignedOrLater } from '../project-stage';
import { requireActive, startChecks } from '../project-guards';
import type { RecordBusinessRegistration } from '../project.commands';
import type { ProjectBusinessRegistered } from '../project.events';
import type { Project } from '../project.state';

/**
 * 完成工商注册: once, at any stage from signed on, dated on or after the signing. It is a milestone of its
 * own track, so it may be dated before landing or construction. The evaluation uses the total investment
 * in force now and the rules and USD/CNY rate in force on registeredOn; it is never re-evaluated.
 */
export const recordBusinessRegistration = (
  { data }: RecordBusinessRegistration,
  state: Project,
  context: ProjectDecisionContext,
): ProjectBusinessRegistered[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireActive(state, data.projectId, 'record the business registration');
  if (project.businessRegistration) {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.stage,
      `business registration was already recorded on ${project.businessRegistration.registeredOn}`,
    );
  }
  if (!isSignedOrLater(project.stage) || !project.signedOn) {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      project.stage,
      'business registration needs a signed contract',
    );
  }
  checkBusinessDate(errors, 'registeredOn', data.registeredOn, data.recordedOn, {
    date: project.signedOn,
    label: 'the contract signing',
  });
  errors.throwIfAny();
  const { capitalType, totalInvestment, investorId, city, introducers } = project.details;
  const evaluation = evaluateTransferTarget(capitalType, totalInvestment, data.registeredOn, context);
  return [
    {
      type: 'ProjectBusinessRegistered',
      data: {
        projectId: data.projectId,
        registeredOn: data.registeredOn,
        targetYear: yearOf(data.registeredOn),
        investorId,
        city,
        capitalType,
        totalInvestment,
        introducers,
        countsTowardTarget: evaluation.qualifies,
        evaluation,
      },
    },
  ];
};

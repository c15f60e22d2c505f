import { CITIES, isXiangnanCity, XIANGNAN_CITIES } from '../../catalogues/cities';
import { IllegalTransitionError } from '../../shared/domain-errors';
import { checkBusinessDate } from '../../shared/validation';
import { evaluateXiangnanMajor, type ProjectDecisionContext } from '../major-project-rules/evaluate-threshold';
import { requireActive, startChecks } from '../project-guards';
import type { AssignToXiangnanBatch } from '../project.commands';
import type { ProjectAssignedToXiangnanBatch } from '../project.events';
import type { Project } from '../project.state';

export const MAX_XIANGNAN_BATCH = 99;

/**
 * Launches the project in a batch of Xiangnan major projects, at any stage, once. Whether it is a major
 * project (USD 50M or the RMB equivalent) is decided here, on the total investment in force and the
 * rate in force on assignedOn, and recorded; a batch's target counts the assigned projects that qualify.
 */
export const assignToXiangnanBatch = (
  { data }: AssignToXiangnanBatch,
  state: Project,
  context: ProjectDecisionContext,
): ProjectAssignedToXiangnanBatch[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireActive(state, data.projectId, 'join a Xiangnan batch');
  if (!Number.isInteger(data.batch) || data.batch < 1 || data.batch > MAX_XIANGNAN_BATCH) {
    errors.add('batch', `must be a whole number from 1 to ${MAX_XIANGNAN_BATCH}`);
  }
  checkBusinessDate(errors, 'assignedOn', data.assignedOn, data.recordedOn, {
    date: project.identifiedOn,
    label: 'the day the lead was identified',
  });
  errors.throwIfAny();
  const { city, totalInvestment } = project.details;
  if (!isXiangnanCity(city)) {
    const name = CITIES.find((c) => c.code === city)?.en ?? city;
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      `in ${name} (${city})`,
      `only projects in ${XIANGNAN_CITIES.join(', ')} (Hengyang, Chenzhou, Yongzhou) join a Xiangnan batch`,
    );
  }
  if (project.xiangnan) {
    throw new IllegalTransitionError(
      'project',
      data.projectId,
      `in Xiangnan batch ${project.xiangnan.batch}`,
      'a project joins one batch only',
    );
  }
  const evaluation = evaluateXiangnanMajor(totalInvestment, data.assignedOn, context);
  return [
    {
      type: 'ProjectAssignedToXiangnanBatch',
      data: {
        projectId: data.projectId,
        batch: data.batch,
        assignedOn: data.assignedOn,
        city,
        qualifiesAsMajor: evaluation.qualifies,
        evaluation,
      },
    },
  ];
};

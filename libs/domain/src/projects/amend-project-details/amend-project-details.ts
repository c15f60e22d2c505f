import { isXiangnanCity } from '../../catalogues/cities';
import { checkText } from '../../shared/validation';
import { PROJECT_DETAIL_FIELDS, type ProjectDetailChanges, type ProjectDetails } from '../project-details';
import { checkCrossFieldRules, checkDetailChanges } from '../project-details.validate';
import { requireOpen, startChecks } from '../project-guards';
import type { AmendProjectDetails } from '../project.commands';
import type { ProjectDetailsAmended } from '../project.events';
import type { Project } from '../project.state';
import { checkInvestorReference, checkParkReference, type ProjectReferences } from '../references/project-references';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Corrections and changes to the project's details, with a mandatory reason, kept as a new event.
 * Allowed while suspended, not once abandoned. Counting evaluations already recorded (business
 * registration, Xiangnan batch) are not redone: the amount in force at that moment is the one that counts.
 */
export const amendProjectDetails = (
  { data }: AmendProjectDetails,
  state: Project,
  references: ProjectReferences,
): ProjectDetailsAmended[] => {
  const errors = startChecks(data);
  errors.throwIfAny();
  const project = requireOpen(state, data.projectId, 'amend its details');
  checkText(errors, 'reason', data.reason, 1000);
  const input =
    typeof data.changes === 'object' && data.changes !== null ? (data.changes as Record<string, unknown>) : null;
  if (!input) errors.add('changes', 'must be an object of the fields to change');
  const valid = input ? checkDetailChanges(errors.nested('changes'), input) : {};
  errors.throwIfAny();
  if (valid.investorId !== undefined)
    checkInvestorReference(errors, 'changes.investorId', valid.investorId, references);
  if (valid.parkId)
    checkParkReference(errors, 'changes.parkId', valid.parkId, valid.city ?? project.details.city, references);
  errors.throwIfAny();

  const changes: ProjectDetailChanges = {};
  const previous: ProjectDetailChanges = {};
  for (const field of PROJECT_DETAIL_FIELDS) {
    if (!(field in valid) || same(valid[field], project.details[field])) continue;
    Object.assign(changes, { [field]: valid[field] });
    Object.assign(previous, { [field]: project.details[field] });
  }
  if (Object.keys(changes).length === 0)
    errors.add('changes', 'must change at least one field (every field given already has that value)');
  const after: ProjectDetails = { ...project.details, ...changes };
  checkCrossFieldRules(errors.nested('changes'), after);
  if (project.xiangnan && !isXiangnanCity(after.city)) {
    errors.add(
      'changes.city',
      `the project is in Xiangnan batch ${project.xiangnan.batch}: its city must stay in Hengyang, Chenzhou or Yongzhou`,
    );
  }
  errors.throwIfAny();
  return [
    {
      type: 'ProjectDetailsAmended',
      data: { projectId: data.projectId, changes, previous, reason: data.reason.trim() },
    },
  ];
};

import type { ProjectLibraryDocument } from '@itp/projections';

/** The few fields of a project that an investor or a park lists. */
export const PROJECT_SUMMARY_FIELDS = {
  name: 1,
  city: 1,
  parkId: 1,
  investorId: 1,
  industry: 1,
  stage: 1,
  status: 1,
  totalInvestment: 1,
  registeredOn: 1,
  countsTowardTarget: 1,
} as const;

export const projectSummary = (p: ProjectLibraryDocument) => ({
  projectId: p._id,
  name: p.name,
  city: p.city,
  parkId: p.parkId,
  investorId: p.investorId,
  industry: p.industry,
  stage: p.stage,
  status: p.status,
  totalInvestment: p.totalInvestment,
  registeredOn: p.registeredOn,
  countsTowardTarget: p.countsTowardTarget,
});

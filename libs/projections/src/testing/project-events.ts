import {
  MAJOR_PROJECT_RULES_2014, evaluateTransferTarget, evaluateXiangnanMajor, rateTable, yearOf,
  type ExchangeRateSet, type Money, type ProjectEvent, type ProjectRegistered,
} from '@itp/domain';

/** Event builders for projection specs: plain domain events, with evaluations made by the domain's own rules. */

export const RATES: ExchangeRateSet[] = [
  { type: 'ExchangeRateSet', data: { base: 'USD', quote: 'CNY', rate: '6.1000', effectiveOn: '2014-01-02', source: 'PBOC', supersedes: null, reason: null } },
];
// A 2013 copy of the rules lets specs register projects in the year before (the real book starts in 2014).
const context = { exchangeRates: rateTable(RATES), rules: [{ ...MAJOR_PROJECT_RULES_2014, version: 'spec-2013', effectiveFrom: '2013-01-01' }, MAJOR_PROJECT_RULES_2014] };

export const projectRegistered = (projectId: string, overrides: Partial<ProjectRegistered['data']> = {}): ProjectRegistered => ({
  type: 'ProjectRegistered',
  data: {
    projectId,
    name: 'Lens Technology new materials',
    investorId: 'inv-lens',
    city: '430100',
    parkId: null,
    industry: 'new_materials',
    capitalType: 'domestic',
    totalInvestment: { amount: '250000000.00', currency: 'CNY' },
    sourceRegions: ['pearl_river_delta'],
    leadChannel: 'chamber_or_association',
    promotionEvent: null,
    introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
    stage: 'intention',
    identifiedOn: '2014-01-10',
    ...overrides,
  },
});

export const contractSigned = (projectId: string, signedOn: string): ProjectEvent => ({ type: 'ProjectContractSigned', data: { projectId, from: 'intention', signedOn } });

export const stageAdvanced = (projectId: string, from: string, to: string, reachedOn: string): ProjectEvent =>
  ({ type: 'ProjectStageAdvanced', data: { projectId, from, to, reachedOn } }) as ProjectEvent;

/** As the decider records it: evaluated on the registration date with the amount given. */
export const businessRegistered = (registered: ProjectRegistered, registeredOn: string, totalInvestment: Money = registered.data.totalInvestment): ProjectEvent => {
  const { projectId, investorId, city, capitalType, introducers } = registered.data;
  const evaluation = evaluateTransferTarget(capitalType, totalInvestment, registeredOn, context);
  return {
    type: 'ProjectBusinessRegistered',
    data: { projectId, registeredOn, targetYear: yearOf(registeredOn), investorId, city, capitalType, totalInvestment, introducers, countsTowardTarget: evaluation.qualifies, evaluation },
  };
};

export const assignedToXiangnan = (projectId: string, city: '430400' | '431000' | '431100', amount: Money, batch: number, assignedOn: string): ProjectEvent => {
  const evaluation = evaluateXiangnanMajor(amount, assignedOn, context);
  return { type: 'ProjectAssignedToXiangnanBatch', data: { projectId, batch, assignedOn, city, qualifiesAsMajor: evaluation.qualifies, evaluation } };
};

export const progressReported = (projectId: string, month: string, amount: string): ProjectEvent => ({
  type: 'ProjectMonthlyProgressReported',
  data: { projectId, month, investmentCompletedToDate: { amount, currency: 'CNY' } },
});

export const progressCorrected = (projectId: string, month: string, amount: string, previous: string): ProjectEvent => ({
  type: 'ProjectMonthlyProgressCorrected',
  data: { projectId, month, investmentCompletedToDate: { amount, currency: 'CNY' }, previous: { amount: previous, currency: 'CNY' }, reason: 'typo in the report' },
});

export const problemRaised = (projectId: string, problemId: string, raisedOn: string, assignedUnit = 'land-resources-department'): ProjectEvent => ({
  type: 'ProjectProblemRaised',
  data: { projectId, problemId, title: `Problem ${problemId}`, description: 'Land approval pending', assignedUnit, raisedOn },
});

export const problemResolved = (projectId: string, problemId: string, resolvedOn: string): ProjectEvent => ({
  type: 'ProjectProblemResolved',
  data: { projectId, problemId, resolution: 'approved at the joint conference', resolvedOn },
});

export const suspended = (projectId: string, suspendedOn: string): ProjectEvent => ({ type: 'ProjectSuspended', data: { projectId, stage: 'signed', reason: 'land approval delayed', suspendedOn } });

export const resumed = (projectId: string, resumedOn: string): ProjectEvent => ({ type: 'ProjectResumed', data: { projectId, stage: 'signed', resumedOn, note: 'land approved' } });

export const abandoned = (projectId: string, abandonedOn: string): ProjectEvent => ({
  type: 'ProjectAbandoned',
  data: { projectId, stage: 'signed', wasSuspended: false, reason: 'investor withdrew', abandonedOn },
});

export const amended = (projectId: string, changes: Record<string, unknown>, previous: Record<string, unknown>): ProjectEvent =>
  ({ type: 'ProjectDetailsAmended', data: { projectId, changes, previous, reason: 'corrected by the bureau' } }) as ProjectEvent;

import { rateTable } from '../exchange-rates/rate-table';
import type { ExchangeRateSet } from '../exchange-rates/exchange-rates.events';
import { MAJOR_PROJECT_RULES_2014 } from '../projects/major-project-rules/major-project-rules';
import {
  evaluateTransferTarget,
  evaluateXiangnanMajor,
  type ThresholdContext,
} from '../projects/major-project-rules/evaluate-threshold';
import type { ProjectEvent, ProjectRegistered } from '../projects/project.events';
import type { LeadStage, ProjectStage } from '../projects/project-stage';
import { yearOf, type LocalDate } from '../shared/local-date';
import type { Money } from '../shared/money';

/**
 * Event builders for every spec that needs a project's history: the domain's given/when/then specs, the
 * projection specs and the report specs. Plain events as the decider records them, one default project that
 * any builder's arguments override. No jest in here, so anything may import it.
 */

export const PROJECT_ID = 'p-1';

export const rateSet = (
  rate: string,
  effectiveOn: LocalDate,
  overrides: Partial<ExchangeRateSet['data']> = {},
): ExchangeRateSet => ({
  type: 'ExchangeRateSet',
  data: { base: 'USD', quote: 'CNY', rate, effectiveOn, source: null, supersedes: null, reason: null, ...overrides },
});

/** One USD rate for all of 2014 (6.1000 from 2014-01-02), so that report figures can be checked by hand. */
export const FLAT_RATE_EVENTS: ExchangeRateSet[] = [rateSet('6.1000', '2014-01-02', { source: 'PBOC' })];

// The flat rate, and a 2013 copy of the rules so that specs can register projects in the year before the book starts.
const EVALUATION: ThresholdContext = {
  exchangeRates: rateTable(FLAT_RATE_EVENTS),
  rules: [{ ...MAJOR_PROJECT_RULES_2014, version: 'spec-2013', effectiveFrom: '2013-01-01' }, MAJOR_PROJECT_RULES_2014],
};

/**
 * A Changsha lead in new materials, CNY 250 million of domestic capital, in the Liuyang park (investor
 * `inv-lens`), introduced by the Changsha commerce bureau; `projectId` is one of the overrides.
 */
export const projectRegistered = (overrides: Partial<ProjectRegistered['data']> = {}): ProjectRegistered => ({
  type: 'ProjectRegistered',
  data: {
    projectId: PROJECT_ID,
    name: 'Lens Technology new materials',
    investorId: 'inv-lens',
    city: '430100',
    parkId: 'park-liuyang',
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

/** As the decider records it: evaluated on the registration date (at the flat rate) with the amount given. */
export const businessRegistered = (
  registered: ProjectRegistered,
  registeredOn: LocalDate,
  totalInvestment: Money = registered.data.totalInvestment,
): ProjectEvent => {
  const { projectId, investorId, city, capitalType, introducers } = registered.data;
  const evaluation = evaluateTransferTarget(capitalType, totalInvestment, registeredOn, EVALUATION);
  return {
    type: 'ProjectBusinessRegistered',
    data: {
      projectId,
      registeredOn,
      targetYear: yearOf(registeredOn),
      investorId,
      city,
      capitalType,
      totalInvestment,
      introducers,
      countsTowardTarget: evaluation.qualifies,
      evaluation,
    },
  };
};

/** The other events of one project's history, for `projectId`: `projectEvents('p-2').contractSigned('2014-02-01')`. */
export const projectEvents = (projectId: string) => ({
  contractSigned: (signedOn: LocalDate = '2014-03-01', from: ProjectStage = 'intention'): ProjectEvent => ({
    type: 'ProjectContractSigned',
    data: { projectId, from, signedOn },
  }),

  stageAdvanced: (from: LeadStage | ProjectStage, to: ProjectStage, reachedOn: LocalDate): ProjectEvent => ({
    type: 'ProjectStageAdvanced',
    data: { projectId, from, to, reachedOn },
  }),

  suspended: (suspendedOn: LocalDate = '2014-04-15', stage: ProjectStage = 'signed'): ProjectEvent => ({
    type: 'ProjectSuspended',
    data: { projectId, stage, reason: 'land approval delayed', suspendedOn },
  }),

  resumed: (resumedOn: LocalDate, stage: ProjectStage = 'signed'): ProjectEvent => ({
    type: 'ProjectResumed',
    data: { projectId, stage, resumedOn, note: 'land approved' },
  }),

  abandoned: (abandonedOn: LocalDate = '2014-05-01'): ProjectEvent => ({
    type: 'ProjectAbandoned',
    data: { projectId, stage: 'signed', wasSuspended: false, reason: 'investor withdrew', abandonedOn },
  }),

  progressReported: (month: string, amount: string): ProjectEvent => ({
    type: 'ProjectMonthlyProgressReported',
    data: { projectId, month, investmentCompletedToDate: { amount, currency: 'CNY' } },
  }),

  progressCorrected: (month: string, amount: string, previous: string): ProjectEvent => ({
    type: 'ProjectMonthlyProgressCorrected',
    data: {
      projectId,
      month,
      investmentCompletedToDate: { amount, currency: 'CNY' },
      previous: { amount: previous, currency: 'CNY' },
      reason: 'typo in the report',
    },
  }),

  problemRaised: (
    problemId: string,
    raisedOn: LocalDate,
    assignedUnit = 'land-resources-department',
  ): ProjectEvent => ({
    type: 'ProjectProblemRaised',
    data: {
      projectId,
      problemId,
      title: `Problem ${problemId}`,
      description: 'Land approval pending',
      assignedUnit,
      raisedOn,
    },
  }),

  problemResolved: (problemId: string, resolvedOn: LocalDate): ProjectEvent => ({
    type: 'ProjectProblemResolved',
    data: { projectId, problemId, resolution: 'approved at the joint conference', resolvedOn },
  }),

  /** As the decider records it: evaluated on the assignment date (at the flat rate). */
  assignedToXiangnan: (
    city: '430400' | '431000' | '431100',
    amount: Money,
    batch: number,
    assignedOn: LocalDate,
  ): ProjectEvent => {
    const evaluation = evaluateXiangnanMajor(amount, assignedOn, EVALUATION);
    return {
      type: 'ProjectAssignedToXiangnanBatch',
      data: { projectId, batch, assignedOn, city, qualifiesAsMajor: evaluation.qualifies, evaluation },
    };
  },

  amended: (changes: Record<string, unknown>, previous: Record<string, unknown>): ProjectEvent =>
    ({
      type: 'ProjectDetailsAmended',
      data: { projectId, changes, previous, reason: 'corrected by the bureau' },
    }) as ProjectEvent,
});

/** The events of the default project, PROJECT_ID. */
export const {
  contractSigned,
  stageAdvanced,
  suspended,
  resumed,
  abandoned,
  progressReported,
  progressCorrected,
  problemRaised,
  problemResolved,
  assignedToXiangnan,
  amended,
} = projectEvents(PROJECT_ID);

import type { RegisterProject } from '../projects/project.commands';
import type { ProjectEvent, ProjectRegistered } from '../projects/project.events';
import { projectDecider } from '../projects/project.decide';
import { rateTable } from '../exchange-rates/rate-table';
import type { ExchangeRateSet } from '../exchange-rates/exchange-rates.events';
import type { ProjectDecisionContext } from '../projects/major-project-rules/evaluate-threshold';
import type { ProjectReferences } from '../projects/references/project-references';
import { specFor } from './given-when-then';

export const PROJECT_ID = 'p-1';
export const TODAY = '2014-06-30';

export const rateSet = (rate: string, effectiveOn: string): ExchangeRateSet => ({
  type: 'ExchangeRateSet',
  data: { base: 'USD', quote: 'CNY', rate, effectiveOn, source: null, supersedes: null, reason: null },
});

/** Two rates, so tests can tell which one was picked. */
export const RATES = rateTable([rateSet('6.1000', '2014-01-02'), rateSet('6.2000', '2014-04-01')]);
/** The investor and park that `registerProjectData` names, as the handler would have found them. */
export const REFERENCES: ProjectReferences = { investors: new Set(['inv-lens']), parks: new Map([['park-liuyang', '430100']]) };
export const CONTEXT: ProjectDecisionContext = { exchangeRates: RATES, references: REFERENCES };

export const givenProject = specFor(projectDecider, CONTEXT);

export const registerProjectData = (overrides: Partial<RegisterProject['data']> = {}): RegisterProject['data'] => ({
  projectId: PROJECT_ID,
  recordedOn: TODAY,
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
  introducers: [{ unit: 'Changsha commerce bureau', share: '1' }],
  stage: 'intention',
  identifiedOn: '2014-01-10',
  ...overrides,
});

export const registerProject = (overrides: Partial<RegisterProject['data']> = {}): RegisterProject => ({
  type: 'RegisterProject',
  data: registerProjectData(overrides),
});

export const projectRegistered = (overrides: Partial<RegisterProject['data']> = {}): ProjectRegistered => {
  const { recordedOn: _recordedOn, ...data } = registerProjectData(overrides);
  return { type: 'ProjectRegistered', data: { ...data, parkId: data.parkId ?? null, promotionEvent: null } as ProjectRegistered['data'] };
};

export const contractSigned = (signedOn = '2014-03-01', from: ProjectRegistered['data']['stage'] = 'intention'): ProjectEvent => ({
  type: 'ProjectContractSigned',
  data: { projectId: PROJECT_ID, from, signedOn },
});

export const stageAdvanced = (
  from: ProjectRegistered['data']['stage'] | 'signed' | 'landed' | 'under_construction' | 'in_production',
  to: 'intention' | 'negotiating' | 'landed' | 'under_construction' | 'in_production' | 'operating',
  reachedOn: string,
): ProjectEvent => ({ type: 'ProjectStageAdvanced', data: { projectId: PROJECT_ID, from, to, reachedOn } });

export const suspended = (suspendedOn = '2014-04-15', stage: ProjectRegistered['data']['stage'] | 'signed' = 'signed'): ProjectEvent => ({
  type: 'ProjectSuspended',
  data: { projectId: PROJECT_ID, stage, reason: 'land approval delayed', suspendedOn },
});

export const abandoned = (abandonedOn = '2014-05-01'): ProjectEvent => ({
  type: 'ProjectAbandoned',
  data: { projectId: PROJECT_ID, stage: 'signed', wasSuspended: false, reason: 'investor withdrew', abandonedOn },
});

import type { RegisterProject } from '../projects/project.commands';
import { projectDecider } from '../projects/project.decide';
import { rateTable } from '../exchange-rates/rate-table';
import type { ProjectDecisionContext } from '../projects/major-project-rules/evaluate-threshold';
import type { ProjectReferences } from '../projects/references/project-references';
import { specFor } from './given-when-then';
import { PROJECT_ID, projectRegistered, rateSet } from './project-events';

export {
  PROJECT_ID,
  projectRegistered,
  rateSet,
  contractSigned,
  stageAdvanced,
  suspended,
  abandoned,
} from './project-events';

export const TODAY = '2014-06-30';

/** Two rates, so tests can tell which one was picked. */
export const RATES = rateTable([rateSet('6.1000', '2014-01-02'), rateSet('6.2000', '2014-04-01')]);
/** The investor and park that `registerProjectData` names, as the handler would have found them. */
export const REFERENCES: ProjectReferences = {
  investors: new Set(['inv-lens']),
  parks: new Map([['park-liuyang', '430100']]),
};
export const CONTEXT: ProjectDecisionContext = { exchangeRates: RATES, references: REFERENCES };

export const givenProject = specFor(projectDecider, CONTEXT);

/** The command that registers `projectRegistered()`'s project, recorded today. */
export const registerProjectData = (overrides: Partial<RegisterProject['data']> = {}): RegisterProject['data'] => ({
  ...projectRegistered({ projectId: PROJECT_ID }).data,
  recordedOn: TODAY,
  ...overrides,
});

export const registerProject = (overrides: Partial<RegisterProject['data']> = {}): RegisterProject => ({
  type: 'RegisterProject',
  data: registerProjectData(overrides),
});

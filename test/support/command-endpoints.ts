import type { ApiHarness } from './api-harness';
import { KEYS } from './api-harness';
import {
  given,
  givenInvestor,
  givenPark,
  givenProject,
  givenSignedProject,
  investorBody,
  money,
  parkBody,
  projectBody,
  rateBody,
} from './command-fixtures';

/** One command endpoint, and how to put a fresh Hengyang (430400) aggregate in a state where a valid call succeeds. */
export interface CommandEndpoint {
  name: string;
  method: 'POST' | 'PATCH';
  /**
   * What the refusal tables may expect of a key scoped to other cities: registering an investor is province-wide;
   * changing one is for the unit that registered it ('unit': prepared with the Hengyang key) and admins.
   */
  scope: 'city' | 'province' | 'unit' | 'admin-only';
  success: 200 | 201;
  /** Prepares the aggregate (as admin) and answers the request to send. */
  prepare(api: ApiHarness): Promise<{ url: string; body: Record<string, unknown> }>;
}

const projectCommand = (
  path: string,
  body: Record<string, unknown>,
  before: (api: ApiHarness, id: string) => Promise<void> = async () => undefined,
  success: 200 | 201 = 200,
): Omit<CommandEndpoint, 'name'> => ({
  method: 'POST',
  scope: 'city',
  success,
  async prepare(api) {
    const id = await givenSignedProject(api);
    await before(api, id);
    return { url: `/api/v1/projects/${id}/${path}`, body };
  },
});

const advance =
  (...paths: string[]) =>
  async (api: ApiHarness, id: string) => {
    const dates = ['2014-04-01', '2014-05-01', '2014-06-01'];
    for (const [i, path] of paths.entries()) await given(api, id, path, { reachedOn: dates[i] });
  };

/** Every command endpoint of the api (ids are created by `prepare`). */
export const COMMAND_ENDPOINTS: CommandEndpoint[] = [
  {
    name: 'POST /investors',
    method: 'POST',
    scope: 'province',
    success: 201,
    prepare: async () => ({ url: '/api/v1/investors', body: investorBody() }),
  },
  {
    name: 'PATCH /investors/{id}',
    method: 'PATCH',
    scope: 'unit',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/investors/${await givenInvestor(api, KEYS.integrationHengyang)}`,
      body: { rankings: ['fortune_global_500'], reason: 'Entered the Fortune Global 500' },
    }),
  },
  {
    name: 'POST /parks',
    method: 'POST',
    scope: 'city',
    success: 201,
    prepare: async () => ({ url: '/api/v1/parks', body: parkBody() }),
  },
  {
    name: 'POST /parks/{id}/upgrades',
    method: 'POST',
    scope: 'city',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/parks/${await givenPark(api)}/upgrades`,
      body: { level: 'national_etdz', approvedOn: '2014-09-01' },
    }),
  },
  {
    name: 'POST /parks/{id}/factory-completions',
    method: 'POST',
    scope: 'city',
    success: 201,
    prepare: async (api) => ({
      url: `/api/v1/parks/${await givenPark(api)}/factory-completions`,
      body: { floorAreaSqm: '120000.50', completedOn: '2014-09-01' },
    }),
  },
  {
    name: 'POST /exchange-rates',
    method: 'POST',
    scope: 'admin-only',
    success: 201,
    prepare: async () => ({
      url: '/api/v1/exchange-rates',
      body: rateBody({ rate: '6.1200', effectiveOn: '2014-09-01' }),
    }),
  },
  {
    name: 'POST /projects',
    method: 'POST',
    scope: 'city',
    success: 201,
    prepare: async (api) => ({ url: '/api/v1/projects', body: projectBody(await givenInvestor(api)) }),
  },
  {
    name: 'PATCH /projects/{id}',
    method: 'PATCH',
    scope: 'city',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/projects/${await givenProject(api)}`,
      body: { totalInvestment: money('3100000000.00'), reason: 'Revised budget' },
    }),
  },
  {
    name: 'POST /projects/{id}/intention',
    method: 'POST',
    scope: 'city',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/projects/${await givenProject(api, { stage: 'strategy' })}/intention`,
      body: { reachedOn: '2014-03-01' },
    }),
  },
  {
    name: 'POST /projects/{id}/negotiation',
    method: 'POST',
    scope: 'city',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/projects/${await givenProject(api)}/negotiation`,
      body: { reachedOn: '2014-03-01' },
    }),
  },
  {
    name: 'POST /projects/{id}/contract',
    method: 'POST',
    scope: 'city',
    success: 200,
    prepare: async (api) => ({
      url: `/api/v1/projects/${await givenProject(api)}/contract`,
      body: { signedOn: '2014-03-01' },
    }),
  },
  {
    name: 'POST /projects/{id}/business-registration',
    ...projectCommand('business-registration', { registeredOn: '2014-03-20' }),
  },
  { name: 'POST /projects/{id}/landing', ...projectCommand('landing', { reachedOn: '2014-04-01' }) },
  {
    name: 'POST /projects/{id}/construction',
    ...projectCommand('construction', { reachedOn: '2014-05-01' }, advance('landing')),
  },
  {
    name: 'POST /projects/{id}/production',
    ...projectCommand('production', { reachedOn: '2014-06-01' }, advance('landing', 'construction')),
  },
  {
    name: 'POST /projects/{id}/operation',
    ...projectCommand('operation', { reachedOn: '2014-07-01' }, advance('landing', 'construction', 'production')),
  },
  {
    name: 'POST /projects/{id}/progress-reports',
    ...projectCommand(
      'progress-reports',
      { month: '2014-04', investmentCompletedToDate: money('80000000.00') },
      undefined,
      201,
    ),
  },
  {
    name: 'POST /projects/{id}/problems',
    ...projectCommand(
      'problems',
      {
        title: 'Road access',
        description: 'No road yet.',
        assignedUnit: 'transport-department',
        raisedOn: '2014-04-01',
      },
      undefined,
      201,
    ),
  },
  {
    name: 'POST /projects/{id}/problems/{problemId}/resolution',
    method: 'POST',
    scope: 'city',
    success: 200,
    async prepare(api) {
      const id = await givenProject(api);
      const { problemId } = await given(api, id, 'problems', {
        title: 'Road access',
        description: 'No road yet.',
        assignedUnit: 'transport-department',
        raisedOn: '2014-04-01',
      });
      return {
        url: `/api/v1/projects/${id}/problems/${problemId}/resolution`,
        body: { resolution: 'Road built', resolvedOn: '2014-05-01' },
      };
    },
  },
  {
    name: 'POST /projects/{id}/suspension',
    ...projectCommand('suspension', { reason: 'Land dispute', suspendedOn: '2014-04-01' }),
  },
  {
    name: 'POST /projects/{id}/resumption',
    ...projectCommand(
      'resumption',
      { resumedOn: '2014-05-01' },
      async (api, id) =>
        void (await given(api, id, 'suspension', { reason: 'Land dispute', suspendedOn: '2014-04-01' })),
    ),
  },
  {
    name: 'POST /projects/{id}/abandonment',
    ...projectCommand('abandonment', { reason: 'Investor withdrew', abandonedOn: '2014-04-01' }),
  },
  {
    name: 'POST /projects/{id}/demonstration-zone-batch',
    ...projectCommand('demonstration-zone-batch', { batch: 3, assignedOn: '2014-04-01' }),
  },
];

/** Keys whose role may never send a command. */
export const READ_ONLY_KEYS = [
  ['reporter', KEYS.reporter],
  ['auditor', KEYS.auditor],
] as const;

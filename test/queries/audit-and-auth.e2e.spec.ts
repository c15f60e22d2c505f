import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { Commands, money } from './query-fixtures';

const READ_ENDPOINTS = [
  'projects',
  'projects/p',
  'investors',
  'investors/i',
  'parks',
  'parks/k',
  'statistics/targets?year=2014',
  'reports/monthly-dispatch?month=2014-06',
  'reports/quarterly-bulletin?quarter=2014-Q2',
  'assessment?year=2014',
  'problems',
];
const AUDIT_ENDPOINTS = ['audit/events', 'projects/p/history'];

describe('the query api', () => {
  let api: ApiHarness;
  let c: Commands;
  let hengyangProject: string;
  beforeAll(async () => {
    api = await startApi();
    c = new Commands(api);
    const investor = await c.investor('Jiuxing Holdings');
    hengyangProject = (
      await api.request('POST', '/api/v1/projects', {
        key: KEYS.integrationHengyang,
        body: {
          name: 'Jiuxing bag factory',
          investorId: investor,
          city: '430400',
          industry: 'other',
          capitalType: 'domestic',
          totalInvestment: money('210000000.00'),
          sourceRegions: ['pearl_river_delta'],
          leadChannel: 'investor_referral',
          introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
          stage: 'negotiating',
          identifiedOn: '2014-03-01',
        },
      })
    ).body.id;
    await api.request('POST', `/api/v1/projects/${hengyangProject}/contract`, {
      key: KEYS.integrationHengyang,
      body: { signedOn: '2014-04-01' },
    });
    for (let i = 0; i < 5; i += 1)
      await c.signedProject(`Changsha project ${i}`, { investorId: investor, totalInvestment: money('1000000.00') });
  });
  afterAll(() => api.close());

  describe('auth', () => {
    it.each(READ_ENDPOINTS)(
      'lets reporters, auditors and admins read %s, not integration clients or anonymous callers',
      async (url) => {
        const status = async (key: string | null) => (await api.request('GET', `/api/v1/${url}`, { key })).status;
        for (const key of [KEYS.reporter, KEYS.auditor, KEYS.admin]) expect([200, 404]).toContain(await status(key));
        expect(await status(KEYS.integrationHengyang)).toBe(403);
        expect(await status(null)).toBe(401);
      },
    );

    it.each(AUDIT_ENDPOINTS)('keeps %s to auditors and admins', async (url) => {
      const status = async (key: string | null) => (await api.request('GET', `/api/v1/${url}`, { key })).status;
      for (const key of [KEYS.auditor, KEYS.admin]) expect([200, 404]).toContain(await status(key));
      expect(await status(KEYS.reporter)).toBe(403);
      expect(await status(KEYS.integrationChangsha)).toBe(403);
      expect(await status(null)).toBe(401);
    });
  });

  describe('the audit log', () => {
    const audit = async (query: string) =>
      (await api.request('GET', `/api/v1/audit/events?${query}`, { key: KEYS.auditor })).body;

    it('filters by actor and unit, naming who did what', async () => {
      const byHengyang = await audit('actor=hengyang-client');
      expect(byHengyang.items.map((e: any) => [e.type, e.streamId, e.unit])).toEqual([
        ['ProjectRegistered', `project-${hengyangProject}`, 'hengyang-commerce-bureau'],
        ['ProjectContractSigned', `project-${hengyangProject}`, 'hengyang-commerce-bureau'],
      ]);
      expect(byHengyang.nextCursor).toBeNull();
      expect((await audit('unit=hengyang-commerce-bureau')).items).toHaveLength(2);
      expect((await audit(`streamId=project-${hengyangProject}&type=ProjectContractSigned`)).items).toHaveLength(1);
    });

    it('pages with a cursor by position until the end', async () => {
      const seen: number[] = [];
      let after = 0;
      for (let pages = 0; pages < 20; pages += 1) {
        const page = await audit(`type=ProjectRegistered&limit=2&after=${after}`);
        seen.push(...page.items.map((e: any) => e.position));
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
      expect(seen).toHaveLength(6); // the Hengyang project and the five Changsha ones
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    });

    it('bounds by recorded time', async () => {
      const all = await audit('limit=500');
      const cut = all.items[3].recordedAt;
      const until = await audit(`to=${cut}&limit=500`);
      const from = await audit(`from=${cut}&limit=500`);
      expect(until.items.every((e: any) => e.recordedAt <= cut)).toBe(true);
      expect(from.items.every((e: any) => e.recordedAt >= cut)).toBe(true);
      expect(new Set([...until.items, ...from.items].map((e: any) => e.position)).size).toBe(all.items.length);
    });

    it('refuses a limit above 500 and a malformed instant', async () => {
      const response = await api.request('GET', '/api/v1/audit/events?limit=501&from=yesterday', { key: KEYS.auditor });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'limit']);
    });
  });

  it('waits for minPosition, and answers 422 for a position beyond the log (no wait can serve it)', async () => {
    const last = c.position;
    expect((await api.request('GET', `/api/v1/projects?minPosition=${last}`, { key: KEYS.reporter })).body.total).toBe(
      6,
    );
    const beyond = await api.request('GET', `/api/v1/projects?minPosition=${last + 1000}`, { key: KEYS.reporter });
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({
      type: expect.stringMatching(/position-beyond-head$/),
      minPosition: last + 1000,
      errors: [{ field: 'minPosition', message: expect.any(String) }],
    });
    expect(beyond.headers['retry-after']).toBeUndefined();
  });

  it('documents every query in OpenAPI, with its parameters', async () => {
    const { paths } = (await api.request('GET', '/api/docs-json', { key: null })).body;
    for (const url of [...READ_ENDPOINTS, ...AUDIT_ENDPOINTS]) {
      const path = `/api/v1/${url.split('?')[0]}`.replace(/\/(p|i|k)(\/|$)/, '/{id}$2');
      expect({ path, documented: paths[path]?.get !== undefined }).toEqual({ path, documented: true });
      expect(paths[path].get.parameters.map((p: any) => p.name)).toContain('minPosition');
    }
  });
});

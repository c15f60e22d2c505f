import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem, givenProject } from '../support/command-fixtures';

/** What an auditor scoped to one city reads of the audit trail (ADR 0009). */
describe('an auditor scoped to Changsha', () => {
  let api: ApiHarness;
  let changsha: string;
  let hengyang: string;

  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    changsha = await givenProject(api, { city: '430100', parkId: undefined });
    hengyang = await givenProject(api, { city: '430400', parkId: undefined, name: 'Hengyang project' });
  });
  afterAll(() => api.close());

  it('reads the history of a Changsha project, its chain verified', async () => {
    const response = await api.request('GET', `/api/v1/projects/${changsha}/history`, { key: KEYS.auditorChangsha });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ projectId: changsha, chain: { valid: true } });
  });

  it("gets another city's project history answered as unknown", async () => {
    const response = await api.request('GET', `/api/v1/projects/${hengyang}/history`, { key: KEYS.auditorChangsha });
    expectProblem(response, 404, 'not-found');
  });

  it('is refused the global log, which covers every city', async () => {
    expectProblem(
      await api.request('GET', '/api/v1/audit/events', { key: KEYS.auditorChangsha }),
      403,
      'forbidden-city',
    );
  });

  it('leaves a province-wide auditor both', async () => {
    expect((await api.request('GET', `/api/v1/projects/${hengyang}/history`, { key: KEYS.auditor })).status).toBe(200);
    expect((await api.request('GET', '/api/v1/audit/events', { key: KEYS.auditor })).status).toBe(200);
  });
});

import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { countingScenario, type CountingScenario } from './counting-scenario';
import { read } from './query-fixtures';

/**
 * docs/adr/0009-read-scopes.md, on the counting scenario (counting-scenario.ts): a reporter scoped to Changsha
 * (430100) reads Changsha's projects p1 p2 p5 p9 and their problems in full, every province-wide count, amount
 * and rank, every firm, and nothing that names another city's project or park.
 */
describe('read scopes: a reporter scoped to Changsha', () => {
  let api: ApiHarness;
  let s: CountingScenario;
  let elsewhere: string[];
  beforeAll(async () => {
    api = await startApi();
    s = await countingScenario(api);
    const { p3, p4, p6, p7, p8 } = s.projects;
    elsewhere = [p3, p4, p6, p7, p8, s.parks.songmu, s.parks.bonded];
  });
  afterAll(() => api.close());

  const get = async (url: string, key: string = KEYS.reporterChangsha) => {
    const response = await read(api, s.commands, url, key);
    expect({ url, status: response.status }).toEqual({ url, status: 200 });
    return response;
  };
  const ids = (items: { projectId: string }[]) => items.map((i) => i.projectId);

  const QUERIES = [
    'projects?pageSize=200',
    'projects?stale=true&referenceDate=2014-12-31',
    'problems?ageOn=2014-12-31',
    'investors',
    'parks',
    'statistics/targets?year=2014',
    'reports/monthly-dispatch?month=2014-06',
    'reports/quarterly-bulletin?quarter=2014-Q2',
    'assessment?year=2014',
    'reports/promotion?year=2014',
  ];

  it.each(QUERIES)('names no project or park of another city in %s, and says its scope', async (url) => {
    const response = await get(url);
    expect(response.headers['x-read-scope']).toBe('430100');
    const text = JSON.stringify(response.body);
    expect(elsewhere.filter((id) => text.includes(id))).toEqual([]);
  });

  it.each(QUERIES)('names them to a province-wide reporter in %s (the check above can fail)', async (url) => {
    const response = await get(url, KEYS.reporter);
    expect(response.headers['x-read-scope']).toBe('*');
    if (!url.startsWith('investors'))
      expect(elsewhere.some((id) => JSON.stringify(response.body).includes(id))).toBe(true);
  });

  it('opens the promotion report to reporters, auditors and admins only, like every report', async () => {
    const status = async (key: string | null) =>
      (await api.request('GET', '/api/v1/reports/promotion?year=2014', { key })).status;
    for (const key of [KEYS.reporter, KEYS.reporterChangsha, KEYS.auditor, KEYS.admin])
      expect(await status(key)).toBe(200);
    expect(await status(KEYS.integrationChangsha)).toBe(403);
    expect(await status(null)).toBe(401);
  });

  it("lists only Changsha's projects, whatever city is asked for", async () => {
    const { p1, p2, p5, p9 } = s.projects;
    expect(ids((await get('projects?sort=name&pageSize=200')).body.items)).toEqual([p1, p2, p5, p9]);
    expect((await get('projects?city=430400')).body).toMatchObject({ items: [], total: 0 });
    expect((await get('projects?city=430100')).body.total).toBe(4);
  });

  it("answers another city's project, and its park, as unknown: 404, as for an id that does not exist", async () => {
    const other = await read(api, s.commands, `projects/${s.projects.p4}`, KEYS.reporterChangsha);
    const unknown = await read(api, s.commands, 'projects/no-such-project', KEYS.reporterChangsha);
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.body).toMatchObject({ type: unknown.body.type, title: unknown.body.title });
    expect((await get(`projects/${s.projects.p2}`)).body.projectId).toBe(s.projects.p2);
    expect((await read(api, s.commands, `parks/${s.parks.songmu}`, KEYS.reporterChangsha)).status).toBe(404);
    expect((await get('parks')).body).toMatchObject({ items: [], total: 0 });
  });

  it("lists only the problems of Changsha's projects", async () => {
    const problems = (await get('problems?ageOn=2014-12-31')).body;
    expect(problems.items.map((q: any) => [q.title, q.projectId])).toEqual([['Power supply', s.projects.p2]]);
    expect((await get('problems?city=430400')).body.total).toBe(0);
  });

  it("reads every firm, with Changsha's projects only", async () => {
    const { fortune, top100 } = s.investors;
    const list = (await get('investors?pageSize=200')).body;
    expect(list.total).toBe(4);
    const firm = (id: string) => list.items.find((i: any) => i.investorId === id);
    // F's projects p3 and p4 are Hengyang's: the firm shows, its first entity's date shows, the project does not.
    expect(firm(fortune)).toMatchObject({
      projectIds: [],
      registrations: [],
      firstRegistration: { projectId: null, registeredOn: '2014-04-15' },
    });
    expect(firm(top100).projectIds.sort()).toEqual([s.projects.p2, s.projects.p9].sort());
    expect((await get(`investors/${fortune}`)).body).toMatchObject({ projects: [], projectIds: [] });
    expect(ids((await get(`investors/${top100}`)).body.projects).sort()).toEqual([s.projects.p2, s.projects.p9].sort());
  });

  it("keeps the targets' counts province-wide and lists Changsha's projects behind them", async () => {
    const { p2, p5, p9 } = s.projects;
    const targets = (await get('statistics/targets?year=2014')).body;
    expect(targets.transferProjects).toMatchObject({ counted: 5, abandonedSinceCounted: 1 });
    expect(ids(targets.transferProjects.projects)).toEqual([p2, p5, p9]);
    expect(targets.xiangnanMajorProjects).toMatchObject({ counted: 1, projects: [] });
    expect(targets.rankedFirms.counted).toBe(2);
    expect(targets.rankedFirms.investors.map((i: any) => i.firstRegistration.projectId)).toEqual([p2, null]);
    expect(targets.nationalZones).toMatchObject({ counted: 1, parks: [] });
    expect(targets.standardFactory).toMatchObject({ completedSqm: '9999999.99', parks: [] });
  });

  it("dispatches Changsha's projects in full and keeps the province's totals", async () => {
    const { p2, p5, p9 } = s.projects;
    const dispatch = (await get('reports/monthly-dispatch?month=2014-06')).body;
    expect(ids(dispatch.projects)).toEqual([p2, p5, p9]);
    // Judged on 07-11, no June report of 2014 had been recorded yet (the log records at the machine's time): all four are stale.
    expect(ids(dispatch.stale.projects)).toEqual([s.projects.p1, p2, p5, p9]);
    expect(dispatch.stale.total).toBe(8); // province-wide: all nine but p6, abandoned on 06-20
    expect(dispatch.totals).toMatchObject({ projects: 7, investmentThisMonthCny: '35300000.00' });
    expect(dispatch.byCity.map((c: any) => c.city)).toEqual(['430100', '430200', '430400', '431000']);
  });

  it('ranks every city in the bulletin, naming Changsha’s projects only', async () => {
    const bulletin = (await get('reports/quarterly-bulletin?quarter=2014-Q2')).body;
    const city = (code: string) => bulletin.byCity.find((c: any) => c.city === code);
    expect(bulletin.totals.yearToDate).toMatchObject({ projects: 4, amountCny: '933000000.00' });
    expect(bulletin.totals.yearToDate.projectIds.sort()).toEqual([s.projects.p2, s.projects.p5].sort());
    expect(city('430200')).toMatchObject({ rank: 2, yearToDate: { projects: 1, projectIds: [] } });
    expect(city('430100')).toMatchObject({ rank: 1, yearToDate: { projects: 2 } });
  });

  it('ranks every introducing unit, with the projects behind each narrowed to Changsha', async () => {
    const assessment = (await get('assessment?year=2014')).body;
    expect(assessment.units.map((u: any) => [u.rank, u.unit, u.amountCreditedCny, u.projects.length])).toEqual([
      [1, 'changsha-commerce-bureau', '883340000.00', 3],
      [2, 'zhuzhou-commerce-bureau', '300000000.00', 0],
      [3, 'hengyang-commerce-bureau', '183000000.00', 0],
      [4, 'hk-representative-office', '66660000.00', 1],
    ]);
  });

  it('exports its own view only', async () => {
    const response = await api.request('GET', '/api/v1/projects?format=csv', { key: KEYS.reporterChangsha });
    expect(response.status).toBe(200);
    const text = String(response.body);
    expect(text).toContain('范围：长沙');
    expect(elsewhere.filter((id) => text.includes(id))).toEqual([]);
    expect(text.split('\r\n').filter((line) => line.includes(s.projects.p2))).toHaveLength(1);
  });
});

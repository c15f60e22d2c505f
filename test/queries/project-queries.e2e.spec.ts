import Database from 'better-sqlite3';
import { join } from 'node:path';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { Commands, money, read } from './query-fixtures';

describe('the project library over HTTP', () => {
  let api: ApiHarness;
  let c: Commands;
  let changsha: string;
  let hengyang: string;
  let investor: string;
  beforeAll(async () => {
    api = await startApi();
    c = new Commands(api);
    await c.rate('6.1000', '2014-01-02');
    investor = await c.investor('Lens Technology', ['listed']);
    changsha = await c.signedProject('Lens new materials', {
      investorId: investor,
      totalInvestment: money('250000000.00'),
      sourceRegions: ['yangtze_river_delta'],
    });
    await c.register(changsha, '2014-03-20');
    hengyang = await c.signedProject('Kivo smart port', {
      investorId: investor,
      city: '430400',
      capitalType: 'foreign',
      totalInvestment: money('10000000.00', 'USD'),
      introducers: [
        { unit: 'hengyang-commerce-bureau', share: '0.5' },
        { unit: 'hk-representative-office', share: '0.5' },
      ],
    });
  });
  afterAll(() => api.close());

  const list = async (query: string) => (await read(api, c, `projects?${query}`)).body;

  it('filters by city, source region, introducing unit, count and name', async () => {
    expect((await list('city=430400')).items.map((p: any) => p.projectId)).toEqual([hengyang]);
    expect((await list('sourceRegion=yangtze_river_delta')).items.map((p: any) => p.projectId)).toEqual([changsha]);
    expect((await list('introducingUnit=hk-representative-office')).items.map((p: any) => p.projectId)).toEqual([
      hengyang,
    ]);
    expect((await list('countsTowardTarget=false')).items.map((p: any) => p.projectId)).toEqual([hengyang]);
    expect((await list('q=SMART')).items.map((p: any) => p.projectId)).toEqual([hengyang]);
    expect((await list('q=.*')).total).toBe(0); // user text is matched literally
  });

  it('pages, with the total', async () => {
    expect(await list('pageSize=1&page=2&sort=name')).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [{ projectId: changsha }],
    });
  });

  it('converts an unregistered USD project at the latest rate', async () => {
    // USD 10,000,000.00 x 6.1000 = CNY 61,000,000.00
    expect((await list('city=430400')).items[0].totalInvestmentCny).toEqual({
      amount: '61000000.00',
      exact: '61000000.00',
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
    });
  });

  it('refuses bad parameters, naming each field', async () => {
    const response = await api.request(
      'GET',
      '/api/v1/projects?pageSize=201&city=999999&countsTowardTarget=maybe&sort=size&minPosition=-1&colour=red',
      { key: KEYS.reporter },
    );
    expect(response.status).toBe(400);
    expect([...new Set(response.body.errors.map((e: any) => e.field))].sort()).toEqual([
      'city',
      'colour',
      'countsTowardTarget',
      'minPosition',
      'pageSize',
      'sort',
    ]);
  });

  it('answers one project with its revision as ETag, and 304 when unchanged', async () => {
    const response = await read(api, c, `projects/${changsha}`);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"2"'); // registered, signed, business registration
    expect(response.body).toMatchObject({
      projectId: changsha,
      stage: 'signed',
      countsTowardTarget: true,
      businessRegistration: { evaluation: { qualifies: true } },
    });
    const again = await api.request('GET', `/api/v1/projects/${changsha}`, {
      key: KEYS.reporter,
      headers: { 'if-none-match': '"2"' },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(
      (
        await api.request('GET', `/api/v1/projects/${changsha}`, {
          key: KEYS.reporter,
          headers: { 'if-none-match': '"1"' },
        })
      ).status,
    ).toBe(200);
  });

  it('answers 404 problem details for an unknown project', async () => {
    const response = await api.request('GET', '/api/v1/projects/no-such-project', { key: KEYS.reporter });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'https://itp.hunan.gov.cn/problems/not-found', status: 404 });
    expect((await api.request('GET', '/api/v1/projects/no-such-project/history', { key: KEYS.auditor })).status).toBe(
      404,
    );
  });

  it('shows an investor with its projects and a park with its own', async () => {
    const found = (await read(api, c, `investors/${investor}`)).body;
    expect(found).toMatchObject({
      name: 'Lens Technology',
      firstRegistration: { projectId: changsha, registeredOn: '2014-03-20' },
    });
    expect(found.projects.map((p: any) => p.projectId).sort()).toEqual([changsha, hengyang].sort());
    expect((await read(api, c, 'investors?ranking=listed')).body.total).toBe(1);
    const park = (
      await c.post('parks', {
        name: 'Wangcheng ETDZ',
        city: '430100',
        level: 'national_etdz',
        levelApprovedOn: '2014-02-01',
      })
    ).id;
    await c.post(`projects/${changsha}`, { parkId: park, reason: 'Located in the park' }, 'PATCH');
    expect((await read(api, c, `parks/${park}`)).body).toMatchObject({
      level: 'national_etdz',
      projects: [{ projectId: changsha }],
    });
    expect((await read(api, c, 'parks?city=430100')).body.items.map((p: any) => p.parkId)).toEqual([park]);
    expect((await read(api, c, 'parks/unknown')).status).toBe(404);
  });

  describe('history', () => {
    it('gives every event with who recorded it, and a verified chain', async () => {
      const history = (await api.request('GET', `/api/v1/projects/${changsha}/history`, { key: KEYS.auditor })).body;
      expect(history.events.slice(0, 3).map((e: any) => [e.revision, e.type])).toEqual([
        [0, 'ProjectRegistered'],
        [1, 'ProjectContractSigned'],
        [2, 'ProjectBusinessRegistered'],
      ]);
      expect(history.events[0]).toMatchObject({
        actor: 'admin-user',
        role: 'admin',
        unit: 'provincial-commerce-department',
        position: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(history.chain).toMatchObject({ valid: true, events: history.events.length });
    });

    it('shows the history as of an instant', async () => {
      const full = (await api.request('GET', `/api/v1/projects/${changsha}/history`, { key: KEYS.auditor })).body;
      const asOf = full.events[1].recordedAt;
      const then = (
        await api.request('GET', `/api/v1/projects/${changsha}/history?asOf=${asOf}`, { key: KEYS.auditor })
      ).body;
      const expected = full.events.filter((e: any) => e.recordedAt <= asOf).length;
      expect(then.events).toHaveLength(expected);
      expect(then.chain).toMatchObject({ valid: true, events: expected });
    });

    it('names the first event whose stored content was edited behind the api', async () => {
      const db = new Database(join(api.dataDir, 'events.sqlite'));
      try {
        const row = db
          .prepare<[string], { data: string }>('SELECT data FROM events WHERE stream_id = ? AND revision = 1')
          .get(`project-${hengyang}`)!;
        db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 1').run(
          JSON.stringify({ ...JSON.parse(row.data), signedOn: '2014-01-01' }),
          `project-${hengyang}`,
        );
      } finally {
        db.close();
      }
      const history = (await api.request('GET', `/api/v1/projects/${hengyang}/history`, { key: KEYS.auditor })).body;
      expect(history.chain).toMatchObject({
        valid: false,
        brokenAt: { revision: 1, reason: 'hash does not match the event content' },
      });
    });
  });
});

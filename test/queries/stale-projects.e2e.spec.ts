import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { Commands, money, read } from './query-fixtures';

/**
 * Stale projects over HTTP ("today" is 2014-12-31; reports are due by the 10th of the next month). The event store
 * records every event at the machine's real time, years after 2014: as of a 2014 reference date no report has
 * been recorded yet, so every owed month is missing. The on-time and late cases are specified on fixtures
 * (libs/domain stale-projects, the monthly dispatch report's spec).
 *   A Changsha, signed 03-15, never reports                          -> stale: April to November missing
 *   B Changsha, signed 03-15, reports April (recorded after 2014)     -> stale: the same
 *   C Changsha, signed 03-15, suspended 06-01                          -> not followed
 *   D Changsha, signed 03-15, abandoned 06-20                          -> not followed
 *   E Changsha, signed 03-15, operating from 09-01                     -> not followed
 *   F Changsha, signed 12-01                                           -> owes January 2015 first: not stale
 *   G Hengyang, signed 03-15                                           -> stale
 *   H Changsha, a lead never signed                                    -> not followed
 */
describe('stale projects over HTTP', () => {
  let api: ApiHarness;
  let c: Commands;
  let p: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', string>;
  beforeAll(async () => {
    api = await startApi();
    c = new Commands(api);
    const investor = await c.investor('Lens Technology');
    const signed = (name: string, signedOn = '2014-03-15', details: Record<string, unknown> = {}) =>
      c.signedProject(name, { investorId: investor, totalInvestment: money('250000000.00'), ...details }, signedOn);
    const A = await signed('A never reports');
    const B = await signed('B reports April');
    await c.post(`projects/${B}/progress-reports`, {
      month: '2014-04',
      investmentCompletedToDate: money('1000000.00'),
    });
    const C = await signed('C suspended');
    await c.post(`projects/${C}/suspension`, { reason: 'Land approval delayed', suspendedOn: '2014-06-01' });
    const D = await signed('D abandoned');
    await c.post(`projects/${D}/abandonment`, { reason: 'Investor withdrew', abandonedOn: '2014-06-20' });
    const E = await signed('E operating');
    for (const [step, reachedOn] of [
      ['landing', '2014-04-01'],
      ['construction', '2014-05-01'],
      ['production', '2014-08-01'],
      ['operation', '2014-09-01'],
    ])
      await c.post(`projects/${E}/${step}`, { reachedOn });
    const F = await signed('F signed in December', '2014-12-01');
    const G = await signed('G Hengyang', '2014-03-15', {
      city: '430400',
      introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
    });
    const H = (
      await c.post('projects', {
        name: 'H a lead',
        investorId: investor,
        city: '430100',
        industry: 'other',
        capitalType: 'domestic',
        totalInvestment: money('250000000.00'),
        sourceRegions: ['pearl_river_delta'],
        leadChannel: 'online',
        introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
        stage: 'intention',
        identifiedOn: '2014-02-01',
      })
    ).id;
    p = { A, B, C, D, E, F, G, H };
  });
  afterAll(() => api.close());

  const get = async (url: string, key: string = KEYS.reporter) => {
    const response = await read(api, c, url, key);
    expect({ url, status: response.status }).toEqual({ url, status: 200 });
    return response.body;
  };
  const ids = (items: { projectId: string }[]) => items.map((i) => i.projectId);
  const APRIL_TO_NOVEMBER = ['04', '05', '06', '07', '08', '09', '10', '11'].map((m) => `2014-${m}`);

  it('lists the stale projects as of today, with the months each owes', async () => {
    const page = await get('projects?stale=true&sort=name');
    expect(ids(page.items)).toEqual([p.A, p.B, p.G]);
    expect(page.stale).toMatchObject({ referenceDate: '2014-12-31', dueDay: 10 });
    expect(page.items[1].staleness.stale).toBe(true);
    expect(page.items[1].staleness.missingMonths.map((m: any) => m.month)).toEqual(APRIL_TO_NOVEMBER);
    expect(page.items[1].staleness.missingMonths[0]).toEqual({
      month: '2014-04',
      dueOn: '2014-05-10',
      status: 'missing',
      recordedOn: null,
    });
  });

  it('lists the others with stale=false, and combines with the other filters and the read scope', async () => {
    const others = await get('projects?stale=false&sort=name');
    expect(ids(others.items)).toEqual([p.C, p.D, p.E, p.F, p.H]);
    expect(others.items.every((i: any) => i.staleness.stale === false)).toBe(true);
    expect(ids((await get('projects?stale=true&city=430400')).items)).toEqual([p.G]);
    expect(ids((await get('projects?stale=true&sort=name', KEYS.reporterChangsha)).items)).toEqual([p.A, p.B]);
  });

  it('judges against the reference date given: a month is owed only after its due day', async () => {
    expect((await get('projects?stale=true&referenceDate=2014-05-10')).total).toBe(0);
    // On 05-11, C, D and E had not yet been suspended, abandoned or put into operation: they owed April too.
    const after = await get('projects?stale=true&referenceDate=2014-05-11&sort=name');
    expect(after.items.map((i: any) => [i.projectId, i.staleness.missingMonths.map((m: any) => m.month)])).toEqual(
      [p.A, p.B, p.C, p.D, p.E, p.G].map((id) => [id, ['2014-04']]),
    );
  });

  it('lists them in the monthly dispatch, with the units responsible, as of the day after the month was due', async () => {
    const { stale } = await get('reports/monthly-dispatch?month=2014-11');
    expect(stale).toMatchObject({ referenceDate: '2014-12-11', dueDay: 10, total: 3 });
    expect(stale.byCity).toEqual([
      { city: '430100', cityName: { en: 'Changsha', zh: '长沙' }, projects: 2 },
      { city: '430400', cityName: { en: 'Hengyang', zh: '衡阳' }, projects: 1 },
    ]);
    expect(stale.projects.map((s: any) => [s.projectId, s.responsibleUnits, s.missingMonths.length])).toEqual([
      [p.A, ['changsha-commerce-bureau'], 8],
      [p.B, ['changsha-commerce-bureau'], 8],
      [p.G, ['hengyang-commerce-bureau'], 8],
    ]);
    expect((await get('reports/monthly-dispatch?month=2014-11&referenceDate=2014-05-11')).stale.total).toBe(6);
  });

  it('counts them per city in the Prometheus gauge itp_stale_projects', async () => {
    const metrics = String((await api.request('GET', '/metrics', { key: KEYS.reporter })).body);
    expect(metrics).toContain('# TYPE itp_stale_projects gauge');
    expect(metrics).toMatch(/^itp_stale_projects\{city="430100"\} 2$/m);
    expect(metrics).toMatch(/^itp_stale_projects\{city="430400"\} 1$/m);
    expect(metrics).toMatch(/^itp_stale_projects\{city="433100"\} 0$/m);
  });

  it('refuses a reference date that is not a date', async () => {
    const response = await api.request('GET', '/api/v1/projects?stale=true&referenceDate=2014-13-01', {
      key: KEYS.reporter,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.field)).toEqual(['referenceDate']);
  });
});

describe('ITP_PROGRESS_DUE_DAY', () => {
  const withDueDay = async <T>(value: string, run: () => Promise<T>): Promise<T> => {
    const before = process.env.ITP_PROGRESS_DUE_DAY;
    process.env.ITP_PROGRESS_DUE_DAY = value;
    try {
      return await run();
    } finally {
      if (before === undefined) delete process.env.ITP_PROGRESS_DUE_DAY;
      else process.env.ITP_PROGRESS_DUE_DAY = before;
    }
  };

  it('moves the due day of every month', async () => {
    const api = await withDueDay('20', () => startApi());
    try {
      const { stale } = (
        await api.request('GET', '/api/v1/reports/monthly-dispatch?month=2014-11', { key: KEYS.reporter })
      ).body;
      expect(stale).toMatchObject({ referenceDate: '2014-12-21', dueDay: 20 });
    } finally {
      await api.close();
    }
  });
});

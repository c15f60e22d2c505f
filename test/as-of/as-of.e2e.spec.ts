import { startApi, type ApiHarness } from '../support/api-harness';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from '../cli/itp-cli';

const HEAD = 412;
const BULLETIN = '/api/v1/reports/quarterly-bulletin?quarter=2014-Q2';

/**
 * The time machine over HTTP, on the demo year as it was recorded (412 events from 2 January to 31 December 2014):
 * the bulletin as of a position equals the bulletin computed on a second store that only ever received the events up
 * to that position (`itp export --to` then `itp import`, which folds that store's own read models).
 */
describe('as of a recorded instant or a position (issue 11, item 1)', () => {
  const work = scratch();
  let api: ApiHarness;

  beforeAll(async () => {
    ensureCliBuilt();
    expect((await itp(['import', RECORDED_DEMO, '--no-read-models'], { ITP_DATA_DIR: work.path('data') })).code).toBe(
      0,
    );
    api = await startApi({
      eventLog: work.path('data', 'events.sqlite'),
      now: '2015-06-01T00:00:00Z',
      env: { ITP_SIGNING_KEY_FILE: work.path('keys', 'signing-key.pem') },
    });
    expect((await api.request('GET', `${BULLETIN}&minPosition=${HEAD}`)).status).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    work.remove();
  });

  const get = async (path: string) => {
    const response = await api.request('GET', path);
    expect(response.status).toBe(200);
    return response;
  };

  /** The bulletin on a data directory fed with the log up to `to` only. */
  const bulletinOnPrefix = async (to: string, name: string) => {
    const env = { ITP_DATA_DIR: api.dataDir };
    const file = work.path(`${name}.ndjson`);
    expect((await itp(['export', '--to', to, '--out', file], env)).code).toBe(0);
    const prefixEnv = { ITP_DATA_DIR: work.path(`data-${name}`) };
    expect((await itp(['import', file], prefixEnv)).code).toBe(0);
    const run = await itp(['report', 'quarterly-bulletin', '--quarter', '2014-Q2'], prefixEnv);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  it.each([1, 90, 180, 260, 330, HEAD])(
    'the bulletin at position %d is the bulletin of a store that received only the log up to it',
    async (position) => {
      const response = await get(`${BULLETIN}&atPosition=${position}`);
      expect(response.headers['x-as-of-position']).toBe(String(position));
      expect(response.headers['x-as-of']).toMatch(/^2014-/);
      expect(response.body).toEqual(await bulletinOnPrefix(String(position), `p${position}`));
    },
    120_000,
  );

  it('the bulletin as sent on 5 July 2014: as of an instant, the last event recorded by then', async () => {
    const instant = '2014-07-05T18:00:00+08:00';
    const response = await get(`${BULLETIN}&asOf=${encodeURIComponent(instant)}`);
    expect(response.headers['x-as-of']).toBe('2014-07-05T10:00:00.000Z');
    const position = Number(response.headers['x-as-of-position']);
    expect(position).toBeGreaterThan(1);
    expect(position).toBeLessThan(HEAD);
    expect(response.body).toEqual(await bulletinOnPrefix(instant, 'july-5'));
    // The target count then and now (README, For auditors): 11 as of that evening, 20 at the end of the year.
    const targets = '/api/v1/statistics/targets?year=2014';
    expect((await get(`${targets}&asOf=${encodeURIComponent(instant)}`)).body.transferProjects.counted).toBe(11);
    expect((await get(targets)).body.transferProjects.counted).toBe(20);
    // The same engine on the command line.
    const run = await itp(['report', 'quarterly-bulletin', '--quarter', '2014-Q2', '--as-of', instant], {
      ITP_DATA_DIR: api.dataDir,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(response.body);
    expect(run.stderr).toContain(`up to position ${position}`);
  }, 120_000);

  it('answers the same bytes whenever it is asked again, and at the head what the live read models say', async () => {
    const path = '/api/v1/statistics/targets?year=2014&asOf=2014-10-01T00:00:00Z';
    expect(JSON.stringify((await get(path)).body)).toBe(JSON.stringify((await get(path)).body));
    expect((await get(`/api/v1/statistics/targets?year=2014&atPosition=${HEAD}`)).body).toEqual(
      (await get('/api/v1/statistics/targets?year=2014')).body,
    );
    expect((await get(`/api/v1/assessment?year=2014&atPosition=${HEAD}`)).body).toEqual(
      (await get('/api/v1/assessment?year=2014')).body,
    );
    const list = '/api/v1/projects?pageSize=200&referenceDate=2014-12-31';
    expect((await get(`${list}&atPosition=${HEAD}`)).body).toEqual((await get(list)).body);
  }, 120_000);

  it('every read that takes asOf answers as of it: a project, an investor, a park, the problems', async () => {
    const early = '2014-03-01T00:00:00Z';
    const projects = (await get(`/api/v1/projects?asOf=${early}&pageSize=200`)).body;
    const now = (await get('/api/v1/projects?pageSize=200')).body;
    expect(projects.total).toBeLessThan(now.total);
    const [first] = projects.items;
    const project = await get(`/api/v1/projects/${first.projectId}?asOf=${early}`);
    expect(project.headers['x-as-of-position']).toBeDefined();
    expect(project.body.updatedAt <= '2014-03-01T00:00:00.000Z').toBe(true);
    const investor = await get(`/api/v1/investors/${first.investorId}?asOf=${early}`);
    expect(investor.body.projects.length).toBeGreaterThan(0);
    const park = await api.request('GET', `/api/v1/parks/${first.parkId}?asOf=${early}`);
    expect([200, 404]).toContain(park.status);
    // "Today" of the problems' ages is the day of asOf.
    const problems = await get('/api/v1/problems?asOf=2014-09-30T12:00:00Z');
    expect(problems.body.ageOn).toBe('2014-09-30');
    const monthly = await get('/api/v1/reports/monthly-dispatch?month=2014-08&asOf=2014-09-03T12:00:00Z');
    expect(monthly.body.stale.referenceDate).toBe('2014-09-03');
  }, 120_000);

  it('refuses asOf with atPosition (422 naming atPosition), a malformed one (400), a position beyond the head or an instant in the future (422)', async () => {
    for (const path of [
      BULLETIN,
      '/api/v1/statistics/targets?year=2014',
      '/api/v1/reports/monthly-dispatch?month=2014-06',
      '/api/v1/assessment?year=2014',
      '/api/v1/reports/promotion?year=2014',
      '/api/v1/projects?pageSize=1',
      '/api/v1/problems?status=open',
    ]) {
      const both = await api.request('GET', `${path}&asOf=2014-07-05T00:00:00Z&atPosition=3`);
      expect(both.status).toBe(422);
      expect(both.body.type).toContain('rule-violation');
      expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['atPosition']);
    }
    expect((await api.request('GET', `${BULLETIN}&asOf=2014-07-05`)).status).toBe(400);
    expect((await api.request('GET', `${BULLETIN}&atPosition=-1`)).status).toBe(400);
    const beyond = await api.request('GET', `${BULLETIN}&atPosition=${HEAD + 1}`);
    expect(beyond.status).toBe(422);
    expect(beyond.body.type).toContain('position-beyond-head');
    const future = await api.request('GET', `${BULLETIN}&asOf=2999-01-01T00:00:00Z`);
    expect(future.status).toBe(422);
    expect(future.body.type).toContain('as-of-in-future');
    // After the last event but before now: the answer at the head.
    const late = await get(`${BULLETIN}&asOf=2015-01-15T00:00:00Z`);
    expect(late.headers['x-as-of-position']).toBe(String(HEAD));
  });

  it('before any event: the empty view, its "today" a four-digit date; before 0001-01-01 in Shanghai a 422 naming asOf', async () => {
    const early = await get('/api/v1/reports/monthly-dispatch?month=2014-06&asOf=0163-05-07T00:00:00Z');
    expect(early.headers['x-as-of-position']).toBe('0');
    expect(early.body.stale.referenceDate).toBe('0163-05-07');
    const yearZero = await api.request('GET', `${BULLETIN}&asOf=0000-06-01T00:00:00Z`);
    expect(yearZero.status).toBe(422);
    expect(yearZero.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
  });
});

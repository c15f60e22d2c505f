import { INDUSTRY_CODES } from '@itp/domain';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from '../cli/itp-cli';

const HEAD = 412;
const JULY_5 = encodeURIComponent('2014-07-05T18:00:00+08:00');
const JAN_5 = encodeURIComponent('2015-01-05T00:00:00+08:00');

type Change = { path: string; old: unknown; new: unknown; events: { type: string; recordedAt: string }[] };

/** Report diffs that explain themselves, over HTTP, on the demo year as recorded. */
describe('report diffs (issue 11, item 2)', () => {
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
    expect((await api.request('GET', `/api/v1/statistics/targets?year=2014&minPosition=${HEAD}`)).status).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    work.remove();
  });

  const get = async (path: string, key: string = KEYS.auditor) => {
    const response = await api.request('GET', path, { key });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('why the 2014 target count was 11 on 5 July and 20 on 5 January: the registrations that counted, only them', async () => {
    const diff = await get(`/api/v1/statistics/targets/diff?year=2014&from=${JULY_5}&to=${JAN_5}`);
    expect(diff.from.position).toBeLessThan(diff.to.position);
    expect(diff.to.position).toBe(HEAD);
    const counted = (diff.changes as Change[]).find((c) => c.path === '/transferProjects/counted')!;
    expect(counted).toMatchObject({ old: 11, new: 20 });
    expect(counted.events).toHaveLength(9);
    for (const event of counted.events) {
      expect(event.type).toBe('ProjectBusinessRegistered');
      expect(event.recordedAt > '2014-07-05T10:00:00.000Z').toBe(true);
    }
    // Each figure is listed with events, and none that did not change is listed.
    for (const change of diff.changes as Change[]) {
      expect(change.old).not.toEqual(change.new);
      expect(change.events.length).toBeGreaterThan(0);
    }
    // The figures are exactly the difference of the two as-of answers.
    const before = await get(`/api/v1/statistics/targets?year=2014&asOf=${JULY_5}`);
    const after = await get(`/api/v1/statistics/targets?year=2014&asOf=${JAN_5}`);
    expect(before.transferProjects.counted).toBe(11);
    expect(after.transferProjects.counted).toBe(20);
  }, 60_000);

  it('nothing recorded in between: no change and no event', async () => {
    const diff = await get(
      `/api/v1/reports/quarterly-bulletin/diff?quarter=2014-Q2&from=${JAN_5}&to=2015-02-01T00:00:00Z`,
    );
    expect(diff).toMatchObject({ changes: [], eventsBetween: 0 });
  });

  it('a correction recorded later is the only event behind the figures it changed', async () => {
    const targets = await get('/api/v1/statistics/targets?year=2014');
    const q2 = targets.transferProjects.projects.find(
      (p: { registeredOn: string }) => p.registeredOn >= '2014-04-01' && p.registeredOn <= '2014-06-30',
    );
    const project = await get(`/api/v1/projects/${q2.projectId}`);
    const industry = INDUSTRY_CODES.find((code) => code !== project.industry)!;
    const amended = await api.request('PATCH', `/api/v1/projects/${q2.projectId}`, {
      body: { industry, reason: 'industry corrected' },
    });
    expect(amended.status).toBe(200);
    // The event store records at the machine's time: move the api's clock past it, so that "to" may be now.
    const now = new Date(Date.now() + 60_000).toISOString();
    api.setNow(now);
    const bulletin = await get(`/api/v1/reports/quarterly-bulletin/diff?quarter=2014-Q2&from=${JAN_5}&to=${now}`);
    expect(bulletin.changes.length).toBeGreaterThan(0);
    for (const change of bulletin.changes as Change[]) {
      expect(change.path).toMatch(/^\/byIndustry/);
      expect(change.events).toEqual([
        {
          position: amended.body.position,
          streamId: `project-${q2.projectId}`,
          revision: amended.body.revision,
          type: 'ProjectDetailsAmended',
          recordedAt: expect.any(String),
          actor: 'admin-user',
          unit: 'provincial-commerce-department',
          reason: 'industry corrected',
        },
      ]);
    }
    // The assessment credits units, not industries: the same correction changed none of its figures.
    const assessment = await get(`/api/v1/assessment/diff?year=2014&from=${JAN_5}&to=${now}`);
    expect(assessment).toMatchObject({ changes: [], eventsBetween: 1 });
    const dispatch = await get(`/api/v1/reports/monthly-dispatch/diff?month=2014-06&from=${JULY_5}&to=${now}`);
    expect(dispatch.parameters.referenceDate).toMatch(/^2014-07-/);
    for (const change of dispatch.changes as Change[]) expect(change.events.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a window backwards (422 naming from), a bad instant (400), a city-scoped key', async () => {
    for (const path of [
      `/api/v1/statistics/targets/diff?year=2014&from=${JAN_5}&to=${JULY_5}`,
      `/api/v1/reports/monthly-dispatch/diff?month=2014-06&from=${JAN_5}&to=${JULY_5}`,
      `/api/v1/reports/quarterly-bulletin/diff?quarter=2014-Q2&from=${JAN_5}&to=${JULY_5}`,
      `/api/v1/assessment/diff?year=2014&from=${JAN_5}&to=${JULY_5}`,
    ]) {
      const backwards = await api.request('GET', path);
      expect(backwards.status).toBe(422);
      expect(backwards.body.type).toContain('rule-violation');
      expect(backwards.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    }
    expect(
      (await api.request('GET', '/api/v1/statistics/targets/diff?year=2014&from=2014-07-05&to=' + JAN_5)).status,
    ).toBe(400);
    expect(
      (
        await api.request('GET', `/api/v1/statistics/targets/diff?year=2014&from=${JULY_5}&to=${JAN_5}`, {
          key: KEYS.reporterChangsha,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.request('GET', `/api/v1/statistics/targets/diff?year=2014&from=${JULY_5}&to=2999-01-01T00:00:00Z`))
        .status,
    ).toBe(422);
  });
});

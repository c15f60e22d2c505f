import { readFileSync } from 'node:fs';
import { startApi, type ApiHarness } from '../support/api-harness';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from './itp-cli';

const HEAD = 412;

/**
 * `itp report` and `itp history` against the api's own answers, on the same data directory, WHILE the api runs
 * on it (they are readers: they take no writer lock): the recorded demo year, imported by `itp import` and then
 * served by an in-process api, which folds its read models at start.
 */
describe('itp report and itp history beside the running api', () => {
  const work = scratch();
  let api: ApiHarness;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureCliBuilt();
    expect((await itp(['import', RECORDED_DEMO, '--no-read-models'], { ITP_DATA_DIR: work.path('data') })).code).toBe(
      0,
    );
    api = await startApi({
      eventLog: work.path('data', 'events.sqlite'),
      env: { ITP_SIGNING_KEY_FILE: work.path('keys', 'signing-key.pem') },
    });
    env = { ITP_DATA_DIR: api.dataDir };
    // The api folds its read models from the imported log: wait until every one has reached its head.
    const health = await api.request('GET', `/api/v1/statistics/targets?year=2014&minPosition=${HEAD}`);
    expect(health.status).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    work.remove();
  });

  const fromApi = async (path: string) => {
    const response = await api.request('GET', path);
    expect(response.status).toBe(200);
    return response;
  };

  it.each([
    ['targets', ['--year', '2014'], `/api/v1/statistics/targets?year=2014&minPosition=${HEAD}`],
    ['monthly-dispatch', ['--month', '2014-06'], `/api/v1/reports/monthly-dispatch?month=2014-06&minPosition=${HEAD}`],
    [
      'monthly-dispatch',
      ['--month', '2014-12', '--reference-date', '2014-12-31'],
      `/api/v1/reports/monthly-dispatch?month=2014-12&referenceDate=2014-12-31&minPosition=${HEAD}`,
    ],
    [
      'quarterly-bulletin',
      ['--quarter', '2014-Q2'],
      `/api/v1/reports/quarterly-bulletin?quarter=2014-Q2&minPosition=${HEAD}`,
    ],
    ['assessment', ['--year', '2014'], `/api/v1/assessment?year=2014&minPosition=${HEAD}`],
  ])('report %s %j prints what the api answers', async (name, args, path) => {
    const run = await itp(['report', name, ...args], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual((await fromApi(path)).body);
  });

  it('writes the same CSV as the api, but for the instant it was read', async () => {
    const run = await itp(['report', 'quarterly-bulletin', '--quarter', '2014-Q2', '--format', 'csv'], env);
    expect(run.code).toBe(0);
    const csv = (await fromApi('/api/v1/reports/quarterly-bulletin?quarter=2014-Q2&format=csv')).body as string;
    const [cliStamp, ...cliRows] = run.stdout.split('\r\n').slice(2);
    const [apiStamp, ...apiRows] = csv.split('\r\n').slice(2);
    expect(run.stdout.startsWith('\uFEFF')).toBe(true);
    expect(cliStamp).toContain(`读模型已处理至事件日志位置 ${HEAD}`);
    expect(apiStamp).toContain(`读模型已处理至事件日志位置 ${HEAD}`);
    expect(cliRows).toEqual(apiRows);
  });

  it('writes an xlsx workbook to a file', async () => {
    const out = work.path('assessment.xlsx');
    const run = await itp(['report', 'assessment', '--year', '2014', '--format', 'xlsx', '--out', out], env);
    expect(run.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect((await itp(['report', 'assessment', '--year', '2014', '--format', 'xlsx'], env)).code).toBe(2);
  });

  describe("a project's history", () => {
    let projectId: string;
    beforeAll(() => {
      const registered = readFileSync(RECORDED_DEMO, 'utf8')
        .split('\n')
        .find(
          (line) => line.includes('"type":"ProjectRegistered"') && line.includes('Gree Ningxiang production base'),
        )!;
      projectId = JSON.parse(registered).data.projectId;
    });

    it('is a readable timeline: dates, types, actor and unit, key figures, and the chain at the end', async () => {
      const run = await itp(['history', projectId], env);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe(
        `Project ${projectId}: "Gree Ningxiang production base", Changsha 长沙 (430100), active at in_production`,
      );
      expect(run.stdout).toContain(
        '2014-03-18 09:13     4  ProjectBusinessRegistered       commerce-dept-admin, provincial-commerce-department',
      );
      expect(run.stdout).toContain(
        'business registered 2014-03-18: counts toward the 2014 target, total CNY 3,000,000,000.00, Changsha 长沙 (430100)',
      );
      expect(run.stdout).toContain('progress 2014-06: CNY 750,000,000.00 completed to date');
      expect(lines.filter((line) => line !== '').at(-1)).toMatch(
        /^Hash chain: holds over revisions 0 to 17 \(last hash [0-9a-f]{64}\)$/,
      );
    });

    it('as JSON, is what GET /projects/{id}/history answers, also as of a recorded instant', async () => {
      const run = await itp(['history', projectId, '--format', 'json'], env);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual((await fromApi(`/api/v1/projects/${projectId}/history`)).body);
      const asOf = '2014-03-31T00:00:00.000Z';
      const cut = await itp(['history', projectId, '--format', 'json', '--as-of', asOf], env);
      expect(cut.code).toBe(0);
      const answer = (await fromApi(`/api/v1/projects/${projectId}/history?asOf=${asOf}`)).body;
      expect(JSON.parse(cut.stdout)).toEqual(answer);
      expect(answer.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('exits 2 for a project that does not exist', async () => {
      const run = await itp(['history', '00000000-0000-4000-8000-000000000000'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('There is no project');
    });
  });
});

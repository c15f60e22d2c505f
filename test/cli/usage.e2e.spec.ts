import { existsSync } from 'node:fs';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from './itp-cli';

/** What a script can rely on before any data is read: help, and exit 2 for every misuse. */
// Each run is a fresh Node process (about a second); an import also folds the read models.
jest.setTimeout(60_000);

describe('the itp command line, asked for help or misused', () => {
  const work = scratch();
  const env = { ITP_DATA_DIR: work.path('data') };
  beforeAll(() => ensureCliBuilt(), 300_000);
  afterAll(() => work.remove());

  it('lists every subcommand and the exit codes with --help, exit 0', async () => {
    const run = await itp(['--help']);
    expect(run.code).toBe(0);
    for (const subcommand of ['verify', 'export', 'import', 'report', 'history', 'rebuild'])
      expect(run.stdout).toMatch(new RegExp(`^  ${subcommand}\\b`, 'm'));
    expect(run.stdout).toContain('Exit codes:');
  });

  it("shows a subcommand's options with <subcommand> --help, exit 0", async () => {
    const run = await itp(['report', 'quarterly-bulletin', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--quarter <quarter>');
    expect(run.stdout).toContain('--format <format>');
  });

  it.each([
    ['an unknown subcommand', ['audit-everything'], 'unknown command'],
    ['no subcommand', [], 'Usage: itp'],
    ['an unknown option', ['verify', '--deep'], 'unknown option'],
    ['a missing required option', ['export'], "required option '--out <file>'"],
    ['a report without its period', ['report', 'targets'], "required option '--year <year>'"],
    ['an unknown report', ['report', 'weekly'], 'unknown command'],
    ['a report format the api has not', ['report', 'targets', '--year', '2014', '--format', 'pdf'], 'Allowed choices'],
  ])('exits 2 on %s', async (_case, args, message) => {
    const run = await itp(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 on a period the api would refuse, with its message', async () => {
    const run = await itp(['report', 'assessment', '--year', '1850'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--year must not be less than 1990');
  });

  it('refuses an --as-of that is not an instant, or is in the future, exit 2', async () => {
    const malformed = await itp(['report', 'quarterly-bulletin', '--quarter', '2014-Q2', '--as-of', '2014-07-05'], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--as-of must be an RFC 3339 instant');
    const future = await itp(
      ['report', 'quarterly-bulletin', '--quarter', '2014-Q2', '--as-of', '2999-01-01T00:00:00Z'],
      env,
    );
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('is in the future');
  });

  it('exits 2 when the data directory holds no event log, and creates nothing there', async () => {
    for (const args of [['verify'], ['export', '--out', work.path('out.ndjson')], ['history', 'some-project']]) {
      const run = await itp(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('There is no event log');
    }
    expect(existsSync(work.path('data'))).toBe(false);
  });

  it('exits 2 on a configuration the api would refuse, naming the variable', async () => {
    const run = await itp(['verify'], { ...env, MONGODB_DB: 'itp' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MONGODB_DB is set but MONGODB_URI is not');
  });

  it('exits 3 on an import into an EventStoreDB it cannot reach, 2 on --resume on the embedded store and on a bad --to', async () => {
    const esdb = await itp(['import', RECORDED_DEMO], {
      ...env,
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
    });
    expect(esdb.code).toBe(3);
    expect(esdb.stderr).toContain('EventStoreDB unavailable');
    const resume = await itp(['import', '--resume', RECORDED_DEMO], env);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('--resume is for EventStoreDB');
    const to = await itp(['export', '--out', work.path('x.ndjson'), '--to', '5 July 2014'], env);
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('--to must be an RFC 3339 instant');
  });
});

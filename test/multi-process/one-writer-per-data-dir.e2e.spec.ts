import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '@itp/platform';
import { DataDirInUseError, readWriterLockHolder, writerLockDir } from '@itp/platform/data-dir/writer-lock';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { investorBody } from '../support/command-fixtures';
import { ADMIN_KEY, API_KEYS, ensureBuilt, freePort, http, startApiProcess, startItp, stopAll } from './processes';

/**
 * One writer per data directory (ITP_DATA_DIR), across real processes: a second api, a projector or a rebuild on
 * a directory an api writes refuses to start, naming the directory and the holder's pid; read-only access still
 * works; the lock goes with its holder, however it ends.
 */
describe('one writer per embedded data directory', () => {
  jest.setTimeout(120_000);
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'itp-writer-lock-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => ensureBuilt());
  afterEach(() => stopAll());
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second api, a projector and a rebuild while an api runs; takes over after it stops or dies', async () => {
    const dir = tempDir();
    const first = await startApiProcess({ ITP_DATA_DIR: dir });
    expect((await http(first.port, 'POST', '/api/v1/investors', { key: ADMIN_KEY, body: investorBody() })).status).toBe(
      201,
    );

    const second = startItp('api', { ITP_DATA_DIR: dir, ITP_API_KEYS: API_KEYS, PORT: String(await freePort()) });
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain(`The data directory ${dir} is in use: pid ${first.pid} (itp-api`);
    expect(second.stderr()).toContain('writes its event log (events.sqlite)');

    const projector = startItp('projector', { ITP_DATA_DIR: dir });
    expect(await projector.exited).toEqual({ code: 1, signal: null });
    expect(projector.stderr()).toContain(`The data directory ${dir} is in use: pid ${first.pid}`);
    expect(projector.stderr()).toContain('writes its read models (read-models.sqlite)');

    const rebuild = startItp('projector', { ITP_DATA_DIR: dir }, ['rebuild', 'investor-library']);
    expect(await rebuild.exited).toEqual({ code: 1, signal: null });
    expect(rebuild.stderr()).toContain(`pid ${first.pid}`);

    // Read-only work (verify, export, reports) opens the files while the api runs.
    const events = new Database(join(dir, 'events.sqlite'), { readonly: true, fileMustExist: true });
    expect((events.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(1);
    events.close();
    const readModels = new Database(join(dir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
    readModels.close();
    expect(readWriterLockHolder(dir, 'events')).toMatchObject({ pid: first.pid, app: 'itp-api' });

    // The first stops: the next one starts, and the first's data is there.
    expect((await first.stop('SIGTERM')).code ?? 0).not.toBe(1);
    const third = await startApiProcess({ ITP_DATA_DIR: dir });
    expect((await http(third.port, 'GET', '/api/v1/investors?minPosition=1', { key: ADMIN_KEY })).body).toMatchObject({
      items: [expect.objectContaining({ name: 'Gree Electric' })],
    });

    // It dies without releasing anything (SIGKILL): its record names a dead pid, and the lock is free.
    await third.stop('SIGKILL');
    expect(readWriterLockHolder(dir, 'events')?.pid).toBe(third.pid);
    const fourth = await startApiProcess({ ITP_DATA_DIR: dir });
    expect(readWriterLockHolder(dir, 'events')).toMatchObject({ pid: fourth.pid });
    expect(readWriterLockHolder(dir, 'read-models')).toMatchObject({ pid: fourth.pid });
  });

  it('a stale holder record (a pid that is gone) does not stop a start', async () => {
    const dir = tempDir();
    const lockDir = writerLockDir(dir);
    rmSync(lockDir, { recursive: true, force: true });
    mkdirSync(lockDir, { recursive: true });
    const stale = {
      pid: 2 ** 22 + 17,
      hostname: hostname(),
      app: 'itp-api',
      since: '2014-01-01T00:00:00Z',
      nonce: 'x',
    };
    for (const store of ['events', 'read-models'])
      writeFileSync(join(lockDir, `${store}.holder.json`), JSON.stringify({ ...stale, store, dataDir: dir }));
    const api = await startApiProcess({ ITP_DATA_DIR: dir });
    expect(readWriterLockHolder(dir, 'events')).toMatchObject({ pid: api.pid });
  });

  it('the stores are locked apart: an api leaving projections to the projector shares its directory with one projector', async () => {
    const dir = tempDir();
    const api = await startApiProcess({ ITP_DATA_DIR: dir, ITP_PROJECTIONS_IN_PROCESS: 'false' });
    const projector = startItp('projector', { ITP_DATA_DIR: dir, LOG_LEVEL: 'info' });
    await projector.waitForOutput(/Projection investor-library/);
    const { position } = (await http(api.port, 'POST', '/api/v1/investors', { key: ADMIN_KEY, body: investorBody() }))
      .body;
    // The api reads what the projector folds.
    const read = await http(api.port, 'GET', `/api/v1/investors?minPosition=${position}`, { key: ADMIN_KEY });
    expect(read.body.items).toHaveLength(1);

    const second = startItp('projector', { ITP_DATA_DIR: dir });
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain(`pid ${projector.pid} (itp-projector`);
    const secondApi = startItp('api', { ITP_DATA_DIR: dir, ITP_API_KEYS: API_KEYS, PORT: String(await freePort()) });
    expect(await secondApi.exited).toEqual({ code: 1, signal: null });
    expect(secondApi.stderr()).toContain(`pid ${api.pid} (itp-api`);
    expect(projector.child.exitCode).toBeNull();
  });

  it('in one process (the e2e harness): a second app on the same directory is refused until the first closes', async () => {
    const dir = tempDir();
    const config = loadConfig({ ITP_DATA_DIR: dir, ITP_API_KEYS: API_KEYS, LOG_LEVEL: 'silent' });
    const first = await createApiApp(config, { quiet: true });
    await first.init();
    await expect(createApiApp(config, { quiet: true })).rejects.toThrow(DataDirInUseError);
    await expect(createApiApp(config, { quiet: true })).rejects.toThrow(`pid ${process.pid}`);
    // Another directory is another lock.
    const other = await createApiApp(loadConfig({ ITP_DATA_DIR: tempDir(), ITP_API_KEYS: API_KEYS }), { quiet: true });
    await other.init();
    await other.close();
    await first.close();
    const again = await createApiApp(config, { quiet: true });
    await again.init();
    await again.close();
  });
});

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/itp-config';
import {
  acquireWriterLock,
  DataDirInUseError,
  readWriterLockHolder,
  storesWrittenBy,
  writerLockDir,
  type WriterLock,
} from './writer-lock';

describe('the writer lock of a data directory', () => {
  let dir: string;
  const held: WriterLock[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-writer-lock-'));
  });
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    rmSync(dir, { recursive: true, force: true });
  });
  const take = (stores: Parameters<typeof acquireWriterLock>[1], app = 'spec') => {
    const lock = acquireWriterLock(dir, stores, { app });
    held.push(lock);
    return lock;
  };

  it('is taken for what a process writes: the api its event log and the read models it folds, the projector the read models', () => {
    const config = (env: Record<string, string>) => loadConfig({ ITP_DATA_DIR: dir, ...env });
    const mongo = { MONGODB_URI: 'mongodb://localhost:27017/' };
    const esdb = { EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' };
    expect(storesWrittenBy(config({}), 'api')).toEqual(['events', 'read-models']);
    expect(storesWrittenBy(config({ ITP_PROJECTIONS_IN_PROCESS: 'false' }), 'api')).toEqual(['events']);
    expect(storesWrittenBy(config(esdb), 'api')).toEqual(['read-models']);
    expect(storesWrittenBy(config({ ...esdb, ...mongo }), 'api')).toEqual([]);
    expect(storesWrittenBy(config(mongo), 'api')).toEqual(['events']);
    expect(storesWrittenBy(config({}), 'projector')).toEqual(['read-models']);
    expect(storesWrittenBy(config(mongo), 'projector')).toEqual([]);
  });

  it('refuses a second holder (in this process too), naming the directory, the store and the holder', () => {
    take(['events', 'read-models'], 'itp-api');
    expect(readWriterLockHolder(dir, 'events')).toMatchObject({ pid: process.pid, app: 'itp-api', dataDir: dir });
    let refusal: unknown;
    try {
      take(['read-models']);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toMatch(
      new RegExp(`^The data directory ${dir} is in use: pid ${process.pid} \\(itp-api on .*\\) writes its read models`),
    );
    expect(refusal).toMatchObject({ dataDir: dir, store: 'read-models', holder: { pid: process.pid } });
  });

  it('takes nothing when one store is held, and gives everything back on release (idempotent)', () => {
    const readModels = take(['read-models']);
    expect(() => take(['events', 'read-models'])).toThrow(DataDirInUseError);
    // The events lock taken on the way was given back.
    const events = take(['events']);
    events.release();
    events.release();
    readModels.release();
    expect(existsSync(join(writerLockDir(dir), 'read-models.holder.json'))).toBe(false);
    take(['events', 'read-models']);
  });

  it('goes with its holder: a process killed with SIGKILL leaves a record of a dead pid, and the lock is free', async () => {
    const script = `
      const { acquireWriterLock } = require(${JSON.stringify(join(__dirname, 'writer-lock.ts'))});
      acquireWriterLock(${JSON.stringify(dir)}, ['events'], { app: 'child' });
      console.log('held');
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(() => take(['events'])).toThrow(`pid ${child.pid} (child on`);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(readWriterLockHolder(dir, 'events')?.pid).toBe(child.pid);
    take(['events']);
    expect(readWriterLockHolder(dir, 'events')?.pid).toBe(process.pid);
  });

  it('a directory that does not exist yet is created', () => {
    const nested = join(dir, 'a', 'b');
    acquireWriterLock(nested, ['events'], { app: 'spec' }).release();
    expect(existsSync(writerLockDir(nested))).toBe(true);
    expect(
      execFileSync('ls', [writerLockDir(nested)])
        .toString()
        .trim(),
    ).toBe('events.lock');
  });
});

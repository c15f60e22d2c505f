import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@itp/platform';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { givenInvestor } from '../support/command-fixtures';

const mode = (path: string) => statSync(path).mode & 0o777;

/** What the api shows or leaves readable to those who should not see it. */
describe('smaller leaks', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await givenInvestor(api);
  });
  afterAll(() => api.close());

  describe('GET /health', () => {
    it('answers anyone the status and each projection’s lag, and no path, backend or error', async () => {
      const response = await api.request('GET', '/health', { key: null });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['integrity', 'projections', 'status']);
      expect(response.body.integrity).toBe('verified');
      for (const projection of response.body.projections)
        expect(Object.keys(projection).sort()).toEqual(['lag', 'name']);
      expect(JSON.stringify(response.body)).not.toContain(api.dataDir);
      expect(JSON.stringify(response.body)).not.toMatch(/sqlite/);
    });

    it.each([
      ['a reporter', KEYS.reporter],
      ['an integration client', KEYS.integrationHengyang],
      ['an unknown key', 'not-a-key-of-this-platform-0000'],
    ])('answers %s the same public view', async (_who, key) => {
      const response = await api.request('GET', '/health', { key });
      expect(response.status).toBe(200);
      expect(response.body.backends).toBeUndefined();
    });

    it.each([
      ['an auditor', KEYS.auditor],
      ['an admin', KEYS.admin],
    ])('shows %s the backends’ details', async (_who, key) => {
      const response = await api.request('GET', '/health', { key });
      expect(response.body.backends.eventStore.detail).toContain(api.dataDir);
      expect(response.body.projections[0]).toHaveProperty('checkpoint');
    });
  });

  describe('the data directory', () => {
    it('is 0700 and its store files (with their -wal and -shm) are 0600', () => {
      expect(mode(api.dataDir)).toBe(0o700);
      const stores = readdirSync(api.dataDir).filter((name) => /\.sqlite(-wal|-shm)?$/.test(name));
      expect(stores).toEqual(
        expect.arrayContaining([
          'events.sqlite',
          'events.sqlite-wal',
          'events.sqlite-shm',
          'read-models.sqlite',
          'read-models.sqlite-wal',
        ]),
      );
      for (const name of stores) expect([name, mode(join(api.dataDir, name))]).toEqual([name, 0o600]);
    });

    it('is tightened at start when an older build left it 0755 with 0644 files', async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'itp-modes-')), 'data');
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755);
      const old = new Database(join(dataDir, 'events.sqlite'));
      old.pragma('journal_mode = WAL');
      old.close();
      chmodSync(join(dataDir, 'events.sqlite'), 0o644);
      expect(mode(join(dataDir, 'events.sqlite'))).toBe(0o644);
      const app = await createApiApp(
        loadConfig({
          ITP_DATA_DIR: dataDir,
          ITP_API_KEYS: JSON.stringify([{ key: KEYS.admin, role: 'admin', unit: 'u', cities: '*' }]),
          LOG_LEVEL: 'silent',
        }),
        { quiet: true },
      );
      try {
        await app.init();
        expect(mode(dataDir)).toBe(0o700);
        for (const name of readdirSync(dataDir).filter((n) => n.includes('.sqlite')))
          expect([name, mode(join(dataDir, name))]).toEqual([name, 0o600]);
      } finally {
        await app.close();
        rmSync(join(dataDir, '..'), { recursive: true, force: true });
      }
    });
  });
});

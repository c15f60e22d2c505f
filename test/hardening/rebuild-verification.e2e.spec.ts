import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chainMetadata, EVENT_STORE, GENESIS_HASH, type EventStore } from '@itp/event-store';
import { loadConfig } from '@itp/platform';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { rebuildCommand } from '../../apps/cli/src/rebuild/rebuild.command';
import { CliError, EXIT } from '../../apps/cli/src/shared/cli-errors';
import { KEYS, type ApiHarness } from '../support/api-harness';
import { given, givenInvestor, givenProject } from '../support/command-fixtures';

jest.setTimeout(60_000);

/**
 * Rebuilds verify the log as they read it (issue 10, item 1; ADR 0008): a rebuild over a log someone edited
 * halts before the batch that breaks, names the break (stream and revision, or position), ingests nothing of
 * it, and readers keep the model they had. Online (the admin endpoint) and offline (`itp rebuild`, exit 1).
 */
const API_KEYS = [
  { key: KEYS.admin, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'admin-user' },
  { key: KEYS.auditor, role: 'auditor', unit: 'audit-office', cities: '*', actor: 'auditor-1' },
];
const NOW = new Date('2014-12-31T04:00:00Z');
/** Variables that point the api and the command line away from the data directory's embedded stores. */
const BACKEND_VARIABLES = ['MONGODB_URI', 'MONGODB_DB', 'EVENTSTORE_CONNECTION_STRING', 'ITP_PROJECTIONS_IN_PROCESS'];
const keyHome = mkdtempSync(join(tmpdir(), 'itp-rebuild-signing-'));
afterAll(() => rmSync(keyHome, { recursive: true, force: true }));

const envOf = (dataDir: string, name: string) => ({
  ITP_DATA_DIR: dataDir,
  ITP_API_KEYS: JSON.stringify(API_KEYS),
  ITP_SIGNING_KEY_FILE: join(keyHome, `${name}.pem`),
  LOG_LEVEL: 'silent',
});

async function openApi(env: Record<string, string>): Promise<ApiHarness> {
  const app: NestFastifyApplication = await createApiApp(loadConfig(env), { quiet: true, clock: () => NOW });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir: env.ITP_DATA_DIR,
    setNow: () => undefined,
    async request(method, url, { key = KEYS.admin, body, headers = {} } = {}) {
      const response = await app.inject({
        method,
        url,
        payload: body === undefined ? undefined : (body as object),
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      });
      return { status: response.statusCode, body: response.json(), headers: response.headers };
    },
    close: () => app.close(),
  };
}

type Row = { position: number; stream_id: string; revision: number; type: string; data: string; metadata: string };

/** Renames project `id` in its ProjectRegistered event, in the file; with `rechain`, its stream's chain is recomputed. */
function forgeName(dataDir: string, id: string, rechain: boolean): number {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    const stream = db
      .prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
      .all(`project-${id}`);
    const registered = stream[0];
    expect(registered.type).toBe('ProjectRegistered');
    const data = { ...JSON.parse(registered.data), name: 'Forged plant' };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), registered.position);
    if (rechain) {
      let previousHash = GENESIS_HASH;
      for (const row of stream) {
        const { hash: _hash, previousHash: _previous, ...metadata } = JSON.parse(row.metadata);
        const chained = chainMetadata(
          {
            streamId: row.stream_id,
            revision: row.revision,
            type: row.type,
            data: row.position === registered.position ? data : JSON.parse(row.data),
            metadata,
          },
          previousHash,
        );
        previousHash = chained.hash as string;
        db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(chained), row.position);
      }
    }
    return registered.position;
  } finally {
    db.close();
  }
}

type Status = { name: string; physicalCollection?: string; state: string; lastError: any; rebuild: unknown };
const projectLibrary = async (api: ApiHarness): Promise<Status> =>
  (await api.request('GET', '/api/v1/admin/projections')).body.projections.find(
    (p: Status) => p.name === 'project-library',
  );

/** Asks the api for a rebuild of the project library and waits until it has ended; its status then. */
async function rebuildOnline(api: ApiHarness): Promise<Status> {
  const started = await api.request('POST', '/api/v1/admin/projections/project-library/rebuild');
  expect(started.status).toBe(202);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await projectLibrary(api);
    if (status.rebuild === null && status.state !== 'rebuilding') return status;
    if (Date.now() > deadline) throw new Error(`the rebuild did not end: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a rebuild over a log someone edited', () => {
  describe.each([
    ['an edited event (its stream chain breaks)', false],
    ['an edited event whose stream chain was recomputed (only the global chain sees it)', true],
  ])('%s', (_case, rechain) => {
    const dataDir = mkdtempSync(join(tmpdir(), `itp-rebuild-verify-${rechain ? 'rechained' : 'edited'}-`));
    const env = envOf(dataDir, rechain ? 'rechained' : 'edited');
    let api: ApiHarness;
    let projectId: string;
    let forgedAt: number;
    let physicalBefore: string | undefined;

    beforeAll(async () => {
      api = await openApi(env);
      const investorId = await givenInvestor(api);
      await givenProject(api, { investorId, name: 'Hengyang Songmu plant' });
      projectId = await givenProject(api, { investorId, name: 'Hengyang Gree plant' });
      await given(api, projectId, 'contract', { signedOn: '2014-03-05' });
      await givenProject(api, { investorId, name: 'Changsha BYD plant' });
      // The notary has linked every event (a checkpoint waits for it), so the global chain covers the edit.
      expect((await api.request('POST', '/api/v1/audit/checkpoints')).body.checkpoint).toMatchObject({ seq: 5 });
      const head = await api.store.headPosition();
      expect((await api.request('GET', `/api/v1/projects/${projectId}?minPosition=${head}`)).body.name).toBe(
        'Hengyang Gree plant',
      );
      physicalBefore = (await projectLibrary(api)).physicalCollection;
      await api.close();
      forgedAt = forgeName(dataDir, projectId, rechain);
      api = await openApi(env);
    });
    afterAll(async () => {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('online: halts before ingesting the broken batch, names the break, and readers keep their model', async () => {
      const status = await rebuildOnline(api);
      expect(status.lastError).toMatchObject({
        position: forgedAt,
        streamId: `project-${projectId}`,
        eventType: 'ProjectRegistered',
        error: expect.stringMatching(/^Rebuild halted on a break of the stored history/),
      });
      expect(status.lastError.error).toMatch(
        rechain
          ? new RegExp(`global chain breaks at position ${forgedAt}`)
          : new RegExp(`stream project-${projectId} breaks at revision 0 \\(position ${forgedAt}\\)`),
      );
      // The alias was not switched: readers still read the collection they read before, with what it held.
      expect(status.physicalCollection).toBe(physicalBefore);
      expect(status.state).toBe('live');
      const project = await api.request('GET', `/api/v1/projects/${projectId}`);
      expect(project.body.name).toBe('Hengyang Gree plant');
    });

    it('online with wait=true: answers 500 integrity-violation naming the break, readers unchanged', async () => {
      const answer = await api.request('POST', '/api/v1/admin/projections/project-library/rebuild?wait=true');
      expect(answer.status).toBe(500);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        type: expect.stringMatching(/integrity-violation$/),
        projection: 'project-library',
        streamId: `project-${projectId}`,
        position: forgedAt,
        detail: expect.stringMatching(
          rechain
            ? new RegExp(`global chain breaks at position ${forgedAt}`)
            : new RegExp(`stream project-${projectId} breaks at revision 0 \\(position ${forgedAt}\\)`),
        ),
      });
      expect((await projectLibrary(api)).physicalCollection).toBe(physicalBefore);
      expect((await api.request('GET', `/api/v1/projects/${projectId}`)).body.name).toBe('Hengyang Gree plant');
    });

    /** `itp rebuild project-library` on this data directory, with the api closed; reopens the api after it. */
    async function rebuildOffline(whileClosed: () => void = () => undefined): Promise<void> {
      await api.close();
      whileClosed();
      const previous = { ...process.env };
      // The embedded default of this data directory: not the backends the calling shell names (CI exports
      // FerretDB's MONGODB_URI, with which the command would rebuild a MongoDB database instead).
      for (const name of BACKEND_VARIABLES) delete process.env[name];
      Object.assign(process.env, env);
      try {
        const failure = await rebuildCommand('project-library').then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(CliError);
        expect((failure as CliError).exitCode).toBe(EXIT.failed);
        expect((failure as CliError).message).toMatch(
          new RegExp(
            `halted: the stored history does not verify at position ${forgedAt} \\(stream project-${projectId}\\)`,
          ),
        );
        expect((failure as CliError).message).toMatch(rechain ? /global chain breaks/ : /breaks at revision 0/);
      } finally {
        for (const name of Object.keys(process.env)) if (!(name in previous)) delete process.env[name];
        Object.assign(process.env, previous);
        api = await openApi(env);
      }
    }

    it('offline: `itp rebuild` halts the same way and exits 1 naming the break', async () => {
      await rebuildOffline();
      expect((await projectLibrary(api)).physicalCollection).toBe(physicalBefore);
      const project = await api.request('GET', `/api/v1/projects/${projectId}`);
      expect(project.body.name).toBe('Hengyang Gree plant');
    });

    it('the first fold of an empty read store (read models deleted, as after a restore) halts the same way', async () => {
      await api.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `read-models.sqlite${suffix}`), { force: true });
      api = await openApi(env);
      const deadline = Date.now() + 20_000;
      let status = await projectLibrary(api);
      while (status.state !== 'stopped' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = await projectLibrary(api);
      }
      expect(status.lastError).toMatchObject({
        position: forgedAt,
        streamId: `project-${projectId}`,
        error: expect.stringMatching(/^Rebuild halted on a break of the stored history \(the first fold/),
      });
      expect(status.lastError.error).toMatch(rechain ? /global chain breaks/ : /breaks at revision 0/);
      // Nothing of the batch that holds the forged event was folded: the forged name is nowhere.
      const forged = await api.request('GET', `/api/v1/projects/${projectId}`);
      expect(forged.status).toBe(404);
      const listed = await api.request('GET', '/api/v1/projects?pageSize=100');
      expect(JSON.stringify(listed.body)).not.toContain('Forged plant');
    });

    it('offline on an empty read store (read models deleted): `itp rebuild` reads to the head itself and exits 1', async () => {
      // Its runner's own reader folds an empty store from 0 too: the rebuild must not switch over at that reader's
      // position having checked nothing (it exited 0 on this log, readers switched to an empty collection).
      await rebuildOffline(() => {
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(join(dataDir, `read-models.sqlite${suffix}`), { force: true });
      });
      const forged = await api.request('GET', `/api/v1/projects/${projectId}`);
      expect(forged.status).toBe(404);
      const listed = await api.request('GET', '/api/v1/projects?pageSize=100');
      expect(JSON.stringify(listed.body)).not.toContain('Forged plant');
    });
  });

  it('a rebuild over an untouched log verifies as it reads and switches readers over', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'itp-rebuild-verify-untouched-'));
    const api = await openApi(envOf(dataDir, 'untouched'));
    try {
      const investorId = await givenInvestor(api);
      const projectId = await givenProject(api, { investorId, name: 'Hengyang Gree plant' });
      await api.request('POST', '/api/v1/audit/checkpoints');
      const before = (await projectLibrary(api)).physicalCollection;
      const status = await rebuildOnline(api);
      expect(status.lastError).toBeNull();
      expect(status.physicalCollection).not.toBe(before);
      // wait=true answers once readers were switched over: 200 with the status after it.
      const waited = await api.request('POST', '/api/v1/admin/projections/project-library/rebuild?wait=true');
      expect(waited.status).toBe(200);
      expect(waited.body).toMatchObject({ name: 'project-library', lastError: null, rebuild: null });
      expect(waited.body.physicalCollection).not.toBe(status.physicalCollection);
      expect((await api.request('POST', '/api/v1/admin/projections/project-library/rebuild?wait=maybe')).status).toBe(
        400,
      );
      const head = await api.store.headPosition();
      const project = await api.request('GET', `/api/v1/projects/${projectId}?minPosition=${head}`);
      expect(project.body.name).toBe('Hengyang Gree plant');
    } finally {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

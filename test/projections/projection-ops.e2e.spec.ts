import { join } from 'node:path';
import { SqliteEventStore } from '@itp/event-store';
import { ProblemException } from '@itp/platform';
import { ALL_PROJECTIONS } from '@itp/projections';
import { ProjectionRunner } from '@itp/projections/runner';
import { EmbeddedReadStore } from '@itp/read-store';
import { ProjectionFreshness } from '../../apps/api/src/projections/projection-freshness.service';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';

const registerInvestor = (api: ApiHarness) =>
  api.request('POST', '/api/v1/investors', {
    body: { name: 'Gree Electric', country: 'CN', unifiedSocialCreditCode: '91440400192548256N', rankings: ['listed'] },
  });

const eventually = async <T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('projection operations, with projections running in the api (the embedded default)', () => {
  let api: ApiHarness;
  let position: number;
  beforeAll(async () => {
    api = await startApi();
    position = (await registerInvestor(api)).body.position;
  });
  afterAll(() => api.close());

  describe('/metrics', () => {
    it('needs a key, and a role that may read operations data', async () => {
      expect((await api.request('GET', '/metrics', { key: null })).status).toBe(401);
      expect((await api.request('GET', '/metrics', { key: KEYS.integrationHengyang })).status).toBe(403);
    });

    it('shows checkpoint, head and lag per projection in the Prometheus text format', async () => {
      await app()
        .get(ProjectionFreshness)
        .ensure(
          position,
          ALL_PROJECTIONS.map((p) => p.name),
        );
      for (const key of [KEYS.reporter, KEYS.auditor, KEYS.admin]) {
        const response = await api.request('GET', '/metrics', { key });
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(response.body).toContain(
          `itp_projection_checkpoint_position{projection="investor-library"} ${position}`,
        );
        expect(response.body).toContain(`itp_projection_head_position{projection="project-library"} ${position}`);
        expect(response.body).toContain('itp_projection_lag{projection="project-library"} 0');
        expect(response.body).toContain('itp_projection_state{projection="problems",state="live"} 1');
        expect(response.body).toContain('itp_process_resident_memory_bytes');
      }
    });
  });

  describe('/health', () => {
    it('shows every projection with its checkpoint, head, lag and state, and the read store', async () => {
      const response = await eventually(
        () => api.request('GET', '/health', { key: KEYS.auditor }),
        (r) => r.body.projections.every((p: { lag: number }) => p.lag === 0),
        'no lag',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        projectionsRunIn: 'api',
        backends: { eventStore: { reachable: true }, readStore: { backend: 'sqlite', reachable: true } },
      });
      expect(response.body.projections.map((p: { name: string }) => p.name).sort()).toEqual(
        ALL_PROJECTIONS.map((p) => p.name).sort(),
      );
      expect(response.body.projections).toContainEqual({
        name: 'investor-library',
        checkpoint: position,
        head: position,
        lag: 0,
        state: 'live',
        lastError: null,
      });
    });
  });

  describe('the admin endpoints', () => {
    it('list statuses to admins and auditors only', async () => {
      const listed = await api.request('GET', '/api/v1/admin/projections', { key: KEYS.auditor });
      expect(listed.status).toBe(200);
      expect(listed.body.runIn).toBe('api');
      expect(listed.body.projections).toContainEqual(
        expect.objectContaining({ name: 'project-library', version: 1, collection: 'project_library', state: 'live' }),
      );
      expect((await api.request('GET', '/api/v1/admin/projections', { key: KEYS.reporter })).status).toBe(403);
    });

    it('rebuild a projection beside the live one and switch readers over (admins only)', async () => {
      expect(
        (await api.request('POST', '/api/v1/admin/projections/investor-library/rebuild', { key: KEYS.reporter }))
          .status,
      ).toBe(403);
      expect((await api.request('POST', '/api/v1/admin/projections/nope/rebuild')).status).toBe(404);

      const started = await api.request('POST', '/api/v1/admin/projections/investor-library/rebuild');
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({
        name: 'investor-library',
        rebuild: { target: 'investor_library_v2_rebuild_1', reason: 'requested' },
      });
      const listed = await eventually(
        () => api.request('GET', '/api/v1/admin/projections'),
        (r) =>
          r.body.projections.some(
            (p: { name: string; physicalCollection: string; state: string }) =>
              p.name === 'investor-library' &&
              p.state === 'live' &&
              p.physicalCollection === 'investor_library_v2_rebuild_1',
          ),
        'the switch',
      );
      expect(listed.body.projections.find((p: { name: string }) => p.name === 'investor-library')).toMatchObject({
        checkpoint: position,
        lag: 0,
        rebuild: null,
      });
    });
  });

  describe('read-your-writes (ProjectionFreshness)', () => {
    it('returns once the projections have folded the position, and at once without one', async () => {
      await expect(
        app().get(ProjectionFreshness).ensure(position, ['investor-library', 'project-library']),
      ).resolves.toBeUndefined();
      await expect(app().get(ProjectionFreshness).ensure(undefined, ['investor-library'])).resolves.toBeUndefined();
    });

    it('refuses a position beyond the head with 422 position-beyond-head, naming the field and the head, at once', async () => {
      const started = Date.now();
      const error = await rejection(
        app()
          .get(ProjectionFreshness)
          .ensure(position + 1000, ['project-library']),
      );
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(ProblemException);
      const { problem, headers } = error as ProblemException;
      expect(problem).toMatchObject({
        status: 422,
        type: expect.stringMatching(/position-beyond-head$/),
        minPosition: position + 1000,
        head: position,
        errors: [{ field: 'minPosition', message: expect.stringContaining(String(position)) }],
      });
      expect(headers).toEqual({});
    });

    it('holds a query with minPosition until its read models have the write, and answers 422 beyond the head', async () => {
      const created = await registerInvestor(api);
      const fresh = await api.request(
        'GET',
        `/api/v1/investors/${created.body.id}?minPosition=${created.body.position}`,
        { key: KEYS.reporter },
      );
      expect(fresh.status).toBe(200);
      const beyond = await api.request(
        'GET',
        `/api/v1/investors/${created.body.id}?minPosition=${created.body.position + 1000}`,
        { key: KEYS.reporter },
      );
      expect(beyond.status).toBe(422);
      expect(beyond.headers['retry-after']).toBeUndefined();
      expect(beyond.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(beyond.body).toMatchObject({
        status: 422,
        type: expect.stringMatching(/position-beyond-head$/),
        minPosition: created.body.position + 1000,
        head: created.body.position,
        errors: [{ field: 'minPosition', message: expect.any(String) }],
      });
    });

    it('refuses a projection name that does not exist (a bug in the query)', async () => {
      await expect(app().get(ProjectionFreshness).ensure(1, ['no-such-projection'])).rejects.toThrow(
        /unknown projection/,
      );
    });
  });

  const app = () => api.app;
});

describe('with projections left to the projector app (ITP_PROJECTIONS_IN_PROCESS=false)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ env: { ITP_PROJECTIONS_IN_PROCESS: 'false' } });
  });
  afterAll(() => api.close());

  it('reads the checkpoints the projector commits, for health and for read-your-writes', async () => {
    const { position } = (await registerInvestor(api)).body;
    const freshness = api.app.get(ProjectionFreshness);
    const lagging = await rejection(freshness.ensure(position, ['investor-library'], 100));
    expect((lagging as ProblemException).problem.status).toBe(503);
    // Over HTTP: a position the log has reached but the read models have not (nobody runs them here) is still a
    // 503 projection-lagging with Retry-After once the wait is over; one beyond the head is a 422 at once.
    const stillLagging = await api.request('GET', `/api/v1/investors?minPosition=${position}`, { key: KEYS.reporter });
    expect(stillLagging.status).toBe(503);
    expect(stillLagging.headers['retry-after']).toBe('1');
    expect(stillLagging.body).toMatchObject({
      status: 503,
      type: expect.stringMatching(/projection-lagging$/),
      minPosition: position,
    });
    const beyond = await api.request('GET', `/api/v1/investors?minPosition=${position + 1}`, { key: KEYS.reporter });
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({ type: expect.stringMatching(/position-beyond-head$/), head: position });
    expect((await api.request('POST', '/api/v1/admin/projections/investor-library/rebuild')).status).toBe(409);

    // The projector: another process in production, here another runner on the same files.
    const eventStore = new SqliteEventStore({ filePath: join(api.dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    const readStore = new EmbeddedReadStore({ filePath: join(api.dataDir, 'read-models.sqlite') });
    const projector = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS });
    try {
      await projector.start();
      await expect(freshness.ensure(position, ['investor-library'])).resolves.toBeUndefined();
      const health = await api.request('GET', '/health', { key: KEYS.auditor });
      expect(health.body).toMatchObject({ status: 'ok', projectionsRunIn: 'projector' });
      expect(health.body.projections).toContainEqual(
        expect.objectContaining({ name: 'investor-library', checkpoint: position, lag: 0, state: 'live' }),
      );
    } finally {
      await projector.stop();
      await eventStore.close();
      await readStore.close();
    }
  }, 20_000);
});

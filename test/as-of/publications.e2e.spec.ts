import Database from 'better-sqlite3';
import { join } from 'node:path';
import { INDUSTRY_CODES } from '@itp/domain';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from '../cli/itp-cli';

const HEAD = 412;

/**
 * Publications over HTTP on the demo year as recorded: publish the Q2 bulletin, re-prove it, record a correction
 * after it (it still verifies; the verification lists what changed since), then tamper with an event before its
 * position (it fails, naming the broken chain).
 */
describe('publications (issue 11, item 3)', () => {
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
      // A small diff bound, so that a verification long after its publication meets it (see below).
      env: { ITP_SIGNING_KEY_FILE: work.path('keys', 'signing-key.pem'), ITP_DIFF_MAX_EVENTS: '2' },
    });
    expect(
      (await api.request('GET', `/api/v1/reports/quarterly-bulletin?quarter=2014-Q2&minPosition=${HEAD}`)).status,
    ).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    work.remove();
  });

  let publicationId: string;
  let published: { computedAt: number; sha256: string };

  it('an admin publishes the bulletin: computed at the head, frozen by its hash', async () => {
    const response = await api.request('POST', '/api/v1/publications', {
      body: { report: 'quarterly-bulletin', parameters: { quarter: '2014-Q2' } },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      report: 'quarterly-bulletin',
      parameters: { quarter: '2014-Q2' },
      computedAt: HEAD,
    });
    expect(response.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    ({ publicationId } = response.body);
    published = response.body;
    const list = await api.request('GET', '/api/v1/publications', { key: KEYS.auditor });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        publicationId,
        report: 'quarterly-bulletin',
        position: HEAD,
        sha256: published.sha256,
        publishedBy: expect.objectContaining({ actor: 'admin-user', role: 'admin' }),
      }),
    ]);
  });

  it('only an admin publishes; parameters the endpoint would refuse are named', async () => {
    const body = { report: 'quarterly-bulletin', parameters: { quarter: '2014-Q2' } };
    expect((await api.request('POST', '/api/v1/publications', { key: KEYS.reporter, body })).status).toBe(403);
    const bad = await api.request('POST', '/api/v1/publications', {
      body: { report: 'quarterly-bulletin', parameters: { quarter: '2014-Q5' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['parameters.quarter']);
    expect(
      (await api.request('POST', '/api/v1/publications', { body: { report: 'promotion', parameters: {} } })).status,
    ).toBe(400);
    // Schema-valid (every member is optional in the document) but without the report's own: 422 naming it.
    for (const [report, name] of [
      ['quarterly-bulletin', 'quarter'],
      ['targets', 'year'],
      ['monthly-dispatch', 'month'],
      ['assessment', 'year'],
    ]) {
      const missing = await api.request('POST', '/api/v1/publications', { body: { report, parameters: {} } });
      expect(missing.status).toBe(422);
      expect(missing.body.type).toContain('rule-violation');
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([`parameters.${name}`]);
    }
    // Another report's member, malformed: the pipe refuses it whatever the report (400).
    const malformed = await api.request('POST', '/api/v1/publications', {
      body: { report: 'targets', parameters: { year: 2014, quarter: '2014-Q9' } },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['parameters.quarter']);
    expect((await api.request('GET', '/api/v1/publications', { key: null })).status).toBe(401);
  });

  it('re-proves it: every chain holds and the report recomputed at its position has its hash', async () => {
    const verification = await api.request('GET', `/api/v1/publications/${publicationId}/verification`, {
      key: KEYS.auditor,
    });
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({
      verified: true,
      position: HEAD,
      publishedSha256: published.sha256,
      recomputedSha256: published.sha256,
      chains: { valid: true },
      current: { sameAsPublished: true },
    });
  });

  it('a correction recorded after publication: the publication still verifies, the verification lists what changed', async () => {
    const targets = await api.request('GET', '/api/v1/statistics/targets?year=2014');
    const q2 = targets.body.transferProjects.projects.find(
      (p: { registeredOn: string }) => p.registeredOn >= '2014-04-01' && p.registeredOn <= '2014-06-30',
    );
    const project = await api.request('GET', `/api/v1/projects/${q2.projectId}`);
    const industry = INDUSTRY_CODES.find((code) => code !== project.body.industry)!;
    const amended = await api.request('PATCH', `/api/v1/projects/${q2.projectId}`, {
      body: { industry, reason: 'industry corrected after the bulletin was sent' },
    });
    expect(amended.status).toBe(200);
    const verification = await api.request('GET', `/api/v1/publications/${publicationId}/verification`);
    expect(verification.body.verified).toBe(true);
    expect(verification.body.current.sameAsPublished).toBe(false);
    expect(verification.body.current.position).toBe(amended.body.position);
    const changes = verification.body.current.changes as {
      path: string;
      events: { position: number; type: string; reason: string }[];
    }[];
    expect(changes.some((c) => c.path.startsWith('/byIndustry'))).toBe(true);
    // Each changed figure names the correcting event, and only it.
    for (const change of changes)
      expect(change.events).toEqual([
        expect.objectContaining({
          position: amended.body.position,
          type: 'ProjectDetailsAmended',
          streamId: `project-${q2.projectId}`,
          actor: 'admin-user',
          reason: 'industry corrected after the bulletin was sent',
        }),
      ]);
  });

  it('re-proves only for province-wide keys: its changes name projects, streams and actors of every city', async () => {
    const scoped = await api.request('GET', `/api/v1/publications/${publicationId}/verification`, {
      key: KEYS.reporterChangsha,
    });
    expect(scoped.status).toBe(403);
    expect(scoped.body.type).toContain('forbidden-city');
    expect(JSON.stringify(scoped.body)).not.toContain('project-');
  });

  it('a retried publication (same Idempotency-Key) answers what was recorded, not a report recomputed later', async () => {
    const body = { report: 'targets', parameters: { year: '2014' } };
    const headers = { 'Idempotency-Key': 'publish-targets-2014-once' };
    const first = await api.request('POST', '/api/v1/publications', { body, headers });
    expect(first.status).toBe(201);
    const project = (await api.request('GET', '/api/v1/statistics/targets?year=2014')).body.transferProjects
      .projects[0];
    const amended = await api.request('PATCH', `/api/v1/projects/${project.projectId}`, {
      body: { name: 'Renamed after the targets were published', reason: 'name corrected' },
    });
    expect(amended.status).toBe(200);
    const retried = await api.request('POST', '/api/v1/publications', { body, headers });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    const recorded = (await api.request('GET', '/api/v1/publications')).body.items.filter(
      (item: { publicationId: string }) => item.publicationId === first.body.publicationId,
    );
    expect(recorded).toEqual([expect.objectContaining({ sha256: first.body.sha256, position: first.body.computedAt })]);
  });

  it('lists what changed since without replaying it when more events were recorded than a diff replays', async () => {
    // Since the bulletin's publication: the correction, the targets' publication and the rename (3 > ITP_DIFF_MAX_EVENTS).
    const verification = await api.request('GET', `/api/v1/publications/${publicationId}/verification`);
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ verified: true, current: { eventsAttributed: false } });
    const changes = verification.body.current.changes as { path: string; events: unknown[] }[];
    expect(changes.some((c) => c.path.startsWith('/byIndustry'))).toBe(true);
    for (const change of changes) expect(change.events).toEqual([]);
  });

  it("refuses a parameter the chosen report does not take, and freezes the dispatch's due day", async () => {
    const foreign = await api.request('POST', '/api/v1/publications', {
      body: { report: 'quarterly-bulletin', parameters: { quarter: '2014-Q2', year: '2014' } },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.type).toContain('rule-violation');
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual(['parameters.year']);
    const dispatch = await api.request('POST', '/api/v1/publications', {
      body: { report: 'monthly-dispatch', parameters: { month: '2014-06' } },
    });
    expect(dispatch.status).toBe(201);
    expect(dispatch.body.parameters).toEqual({
      month: '2014-06',
      referenceDate: expect.stringMatching(/^2014-/),
      progressDueDay: expect.stringMatching(/^\d+$/),
    });
    const verification = await api.request('GET', `/api/v1/publications/${dispatch.body.publicationId}/verification`);
    expect(verification.body).toMatchObject({ verified: true, recomputedSha256: dispatch.body.sha256 });
  });

  it('tampering with an event before its position fails the verification and names the broken chain', async () => {
    const db = new Database(join(api.dataDir, 'events.sqlite'));
    const row = db.prepare('SELECT stream_id, revision FROM events WHERE position = 100').get() as {
      stream_id: string;
      revision: number;
    };
    db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 100").run();
    db.close();
    const verification = await api.request('GET', `/api/v1/publications/${publicationId}/verification`);
    expect(verification.status).toBe(200);
    expect(verification.body.verified).toBe(false);
    expect(verification.body.chains).toEqual({
      valid: false,
      broken: expect.objectContaining({
        streamId: row.stream_id,
        revision: row.revision,
        position: 100,
        reason: 'hash does not match the event content',
      }),
    });
  });

  it('an unknown publication is a 404', async () => {
    expect((await api.request('GET', '/api/v1/publications/nope/verification')).status).toBe(404);
  });
});

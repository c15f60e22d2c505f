import { verifyChain } from '@itp/event-store';
import { e2eEventStore, KEYS, startApi, type ApiHarness } from '../support/api-harness';
import {
  expectNothingAppended,
  expectProblem,
  givenInvestor,
  givenSignedProject,
  money,
  projectBody,
  projectStream,
  slowReadsAndAppends,
} from '../support/command-fixtures';

describe('a command sent with an Idempotency-Key', () => {
  let api: ApiHarness;
  let investorId: string;
  beforeAll(async () => {
    api = await startApi({ now: '2014-10-31T04:00:00Z' });
    investorId = await givenInvestor(api);
  });
  afterAll(() => api.close());

  const postWithKey = (url: string, body: unknown, idempotencyKey: string, key: string = KEYS.admin) =>
    api.request('POST', `/api/v1${url}`, { key, body, headers: { 'Idempotency-Key': idempotencyKey } });

  describe('when it is retried with the same body', () => {
    it('answers the first answer again, marked Idempotent-Replayed, and appends nothing', async () => {
      const id = await givenSignedProject(api, { investorId });
      const first = await postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-retry');
      expect({
        status: first.status,
        revision: first.body.revision,
        replayed: first.headers['idempotent-replayed'],
      }).toEqual({ status: 200, revision: 2, replayed: undefined });

      const retry = await expectNothingAppended(api, () =>
        postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-retry'),
      );
      expect({
        status: retry.status,
        body: retry.body,
        etag: retry.headers.etag,
        replayed: retry.headers['idempotent-replayed'],
      }).toEqual({
        status: 200,
        body: first.body,
        etag: first.headers.etag,
        replayed: 'true',
      });
      expect(await projectStream(api, id)).toHaveLength(3);
    });

    it('recognises the same body whatever the order of its keys', async () => {
      const id = await givenSignedProject(api, { investorId });
      const body = { month: '2014-04', investmentCompletedToDate: { amount: '10.00', currency: 'CNY' } };
      const first = await postWithKey(`/projects/${id}/progress-reports`, body, 'progress-reordered');
      const reordered = { investmentCompletedToDate: { currency: 'CNY', amount: '10.00' }, month: '2014-04' };
      const retry = await expectNothingAppended(api, () =>
        postWithKey(`/projects/${id}/progress-reports`, reordered, 'progress-reordered'),
      );
      expect({ status: retry.status, body: retry.body, replayed: retry.headers['idempotent-replayed'] }).toEqual({
        status: 201,
        body: first.body,
        replayed: 'true',
      });
    });

    it('is still answered the same after other commands moved the stream on', async () => {
      const id = await givenSignedProject(api, { investorId });
      const first = await postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-then-more');
      await postWithKey(`/projects/${id}/construction`, { reachedOn: '2014-05-01' }, 'construction-after');
      const retry = await expectNothingAppended(api, () =>
        postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-then-more'),
      );
      expect({ status: retry.status, body: retry.body, etag: retry.headers.etag }).toEqual({
        status: 200,
        body: first.body,
        etag: '"2"',
      });
    });

    it('creates one project only when POST /projects is retried, sequentially or at once', async () => {
      const body = projectBody(investorId, { name: 'Kivo smart port' });
      const first = await postWithKey('/projects', body, 'register-kivo');
      const again = await expectNothingAppended(api, () => postWithKey('/projects', body, 'register-kivo'));
      expect({ status: again.status, body: again.body, replayed: again.headers['idempotent-replayed'] }).toEqual({
        status: 201,
        body: first.body,
        replayed: 'true',
      });

      const concurrent = await Promise.all(
        [1, 2, 3, 4].map(() =>
          postWithKey('/projects', projectBody(investorId, { name: 'Gree Ningxiang' }), 'register-gree'),
        ),
      );
      expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
      expect(await projectStream(api, concurrent[0].body.id)).toHaveLength(1);

      const registered: string[] = [];
      for await (const event of api.store.readAll())
        if (event.type === 'ProjectRegistered') registered.push(event.data.name as string);
      expect(registered.filter((name) => name === 'Kivo smart port')).toHaveLength(1);
      expect(registered.filter((name) => name === 'Gree Ningxiang')).toHaveLength(1);
    });

    it('appends once when the same request arrives several times at once', async () => {
      const id = await givenSignedProject(api, { investorId });
      const responses = await Promise.all(
        [1, 2, 3].map(() => postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-at-once')),
      );
      expect(responses.map((r) => ({ status: r.status, body: r.body }))).toEqual(
        responses.map(() => ({ status: 200, body: responses[0].body })),
      );
      expect((await projectStream(api, id)).map((e) => e.type)).toEqual([
        'ProjectRegistered',
        'ProjectContractSigned',
        'ProjectStageAdvanced',
      ]);
    });

    it('raises one problem only, answering the same problemId', async () => {
      const id = await givenSignedProject(api, { investorId });
      const body = {
        title: 'Water supply',
        description: 'No water permit yet.',
        assignedUnit: 'water-bureau',
        raisedOn: '2014-04-01',
      };
      const first = await postWithKey(`/projects/${id}/problems`, body, 'problem-water');
      const retry = await postWithKey(`/projects/${id}/problems`, body, 'problem-water');
      expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first.body });
      expect(first.body.problemId).toEqual(expect.any(String));
      expect((await projectStream(api, id)).filter((e) => e.type === 'ProjectProblemRaised')).toHaveLength(1);
    });

    it('keeps keys apart per API key: two clients using one key string create two projects', async () => {
      const hengyang = await postWithKey(
        '/projects',
        projectBody(investorId),
        'shared-key-string',
        KEYS.integrationHengyang,
      );
      const admin = await postWithKey('/projects', projectBody(investorId), 'shared-key-string', KEYS.admin);
      expect([hengyang.status, admin.status]).toEqual([201, 201]);
      expect(hengyang.body.id).not.toBe(admin.body.id);
      expect(admin.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  describe('when it is reused with a different body', () => {
    it('refuses it with 422 and appends nothing', async () => {
      const id = await givenSignedProject(api, { investorId });
      await postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, 'landing-other-body');
      const reused = await expectNothingAppended(api, () =>
        postWithKey(`/projects/${id}/landing`, { reachedOn: '2014-04-02' }, 'landing-other-body'),
      );
      expectProblem(reused, 422, 'idempotency-key-reused');
    });

    it('refuses it on POST /projects and creates nothing', async () => {
      await postWithKey('/projects', projectBody(investorId, { name: 'China Minmetals copper' }), 'register-minmetals');
      const reused = await expectNothingAppended(api, () =>
        postWithKey('/projects', projectBody(investorId, { name: 'China Minmetals copper II' }), 'register-minmetals'),
      );
      expectProblem(reused, 422, 'idempotency-key-reused');
    });

    it('refuses it on another endpoint of the same project', async () => {
      const a = await givenSignedProject(api, { investorId });
      await postWithKey(`/projects/${a}/landing`, { reachedOn: '2014-04-01' }, 'landing-a-only');
      expectProblem(
        await expectNothingAppended(api, () =>
          postWithKey(`/projects/${a}/suspension`, { reason: 'x', suspendedOn: '2014-04-02' }, 'landing-a-only'),
        ),
        422,
        'idempotency-key-reused',
      );
    });

    // Needs event ids unique across streams, which the SQLite log enforces and EventStoreDB does not (no index
    // by event id): on EventStoreDB a key reused on another stream is a new command there (ADR 0002).
    (e2eEventStore() === 'sqlite' ? it : it.skip)(
      'refuses it on another project (SQLite: ids unique across streams)',
      async () => {
        const a = await givenSignedProject(api, { investorId });
        const b = await givenSignedProject(api, { investorId });
        await postWithKey(`/projects/${a}/landing`, { reachedOn: '2014-04-01' }, 'landing-a');
        expectProblem(
          await expectNothingAppended(api, () =>
            postWithKey(`/projects/${b}/landing`, { reachedOn: '2014-04-01' }, 'landing-a'),
          ),
          422,
          'idempotency-key-reused',
        );
      },
    );
  });
});

describe('a command sent with If-Match', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: '2014-10-31T04:00:00Z' });
  });
  afterAll(() => api.close());

  const postIfMatch = (url: string, body: unknown, ifMatch: string) =>
    api.request('POST', `/api/v1${url}`, { body, headers: { 'If-Match': ifMatch } });

  it('is applied when the revision is current, answering the next ETag', async () => {
    const id = await givenSignedProject(api);
    const response = await postIfMatch(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, '"1"');
    expect({ status: response.status, revision: response.body.revision, etag: response.headers.etag }).toEqual({
      status: 200,
      revision: 2,
      etag: '"2"',
    });
    const weak = await postIfMatch(`/projects/${id}/construction`, { reachedOn: '2014-05-01' }, 'W/"2"');
    expect({ status: weak.status, etag: weak.headers.etag }).toEqual({ status: 200, etag: '"3"' });
  });

  it('is refused with 412 when the revision is stale, and appends nothing', async () => {
    const id = await givenSignedProject(api);
    const stale = await expectNothingAppended(api, () =>
      postIfMatch(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, '"0"'),
    );
    expectProblem(stale, 412, 'stale-revision');
    expect(stale.body).toMatchObject({ expectedRevision: 0, currentRevision: 1 });
    const ahead = await expectNothingAppended(api, () =>
      postIfMatch(`/projects/${id}/landing`, { reachedOn: '2014-04-01' }, '"7"'),
    );
    expectProblem(ahead, 412, 'stale-revision');
  });

  it('is answered again, not refused as stale, when retried with its Idempotency-Key after it was applied', async () => {
    const id = await givenSignedProject(api);
    const headers = { 'If-Match': '"1"', 'Idempotency-Key': 'land-if-match' };
    const first = await api.request('POST', `/api/v1/projects/${id}/landing`, {
      body: { reachedOn: '2014-04-01' },
      headers,
    });
    const retry = await expectNothingAppended(api, () =>
      api.request('POST', `/api/v1/projects/${id}/landing`, { body: { reachedOn: '2014-04-01' }, headers }),
    );
    expect({ status: retry.status, body: retry.body, replayed: retry.headers['idempotent-replayed'] }).toEqual({
      status: 200,
      body: first.body,
      replayed: 'true',
    });
  });

  it('guards PATCH too', async () => {
    const id = await givenSignedProject(api);
    const stale = await expectNothingAppended(api, () =>
      api.request('PATCH', `/api/v1/projects/${id}`, {
        body: { name: 'Renamed', reason: 'typo' },
        headers: { 'If-Match': '"0"' },
      }),
    );
    expectProblem(stale, 412, 'stale-revision');
    const current = await api.request('PATCH', `/api/v1/projects/${id}`, {
      body: { name: 'Renamed', reason: 'typo' },
      headers: { 'If-Match': '"1"' },
    });
    expect(current.status).toBe(200);
  });
});

describe('commands on one project at the same time, on a store whose reads and appends take a few milliseconds', () => {
  let api: ApiHarness;
  let undoSlowReads: () => void;
  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    undoSlowReads = slowReadsAndAppends(api, 3);
  });
  afterAll(async () => {
    undoSlowReads();
    await api.close();
  });

  const months = Array.from({ length: 10 }, (_, i) => `2014-${String(i + 3).padStart(2, '0')}`);

  it('without If-Match: 10 monthly reports all succeed, none lost, revisions contiguous', async () => {
    const id = await givenSignedProject(api);
    const responses = await Promise.all(
      months.map((month, i) =>
        api.request('POST', `/api/v1/projects/${id}/progress-reports`, {
          body: { month, investmentCompletedToDate: money(`${(i + 1) * 10_000_000}.00`) },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(months.map(() => 201));
    expect(responses.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    const events = await projectStream(api, id);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(
      events
        .slice(2)
        .map((e) => e.data.month)
        .sort(),
    ).toEqual(months);
    expect(verifyChain(events).valid).toBe(true);
  });

  it('without If-Match: 10 problems raised at once are all kept, each with its own problemId', async () => {
    const id = await givenSignedProject(api);
    const responses = await Promise.all(
      months.map((_, i) =>
        api.request('POST', `/api/v1/projects/${id}/problems`, {
          body: {
            title: `Problem ${i}`,
            description: 'Needs the joint conference.',
            assignedUnit: 'land-bureau',
            raisedOn: '2014-06-01',
          },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(months.map(() => 201));
    const events = await projectStream(api, id);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(new Set(events.slice(2).map((e) => e.data.problemId))).toEqual(
      new Set(responses.map((r) => r.body.problemId)),
    );
    expect(verifyChain(events).valid).toBe(true);
  });

  it('with the same If-Match: exactly one succeeds, the others get 412', async () => {
    const id = await givenSignedProject(api);
    const responses = await Promise.all(
      months.map((_, i) =>
        api.request('POST', `/api/v1/projects/${id}/problems`, {
          body: {
            title: `Contender ${i}`,
            description: 'First one wins.',
            assignedUnit: 'land-bureau',
            raisedOn: '2014-06-01',
          },
          headers: { 'If-Match': '"1"' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(412)]);
    for (const refused of responses.filter((r) => r.status === 412))
      expect(refused.body).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
    expect(await projectStream(api, id)).toHaveLength(3);
  });
});

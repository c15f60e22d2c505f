import { join } from 'node:path';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';

/**
 * What schemathesis found where the api and its OpenAPI document disagreed: every request the document calls
 * invalid is refused by the validation pipe (400, naming the member), before an If-Match verdict (412) or a
 * controller that would read what is not there (500). Each case failed before its fix.
 */
const FIXTURE_LOG = join(__dirname, '../fixtures/schema-1-log/events.sqlite');
const HEAD = 412;

describe('requests the OpenAPI document calls invalid', () => {
  let api: ApiHarness;
  let projectId: string;
  let parkId: string;
  let investorId: string;

  beforeAll(async () => {
    api = await startApi({ eventLog: FIXTURE_LOG, now: '2014-12-31T04:00:00Z' });
    projectId = (await api.request('GET', `/api/v1/projects?pageSize=1&minPosition=${HEAD}`)).body.items[0].projectId;
    parkId = (await api.request('GET', `/api/v1/parks?pageSize=1&minPosition=${HEAD}`)).body.items[0].parkId;
    investorId = (await api.request('GET', `/api/v1/investors?pageSize=1&minPosition=${HEAD}`)).body.items[0]
      .investorId;
  });
  afterAll(() => api.close());

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    api.request('POST', url, { key: KEYS.admin, body, headers });

  /** The answer is a 400 naming `field`, and nothing was appended. */
  const refused = async (answer: Promise<{ status: number; body: any }>, field: string) => {
    const before = await api.store.headPosition();
    const response = await answer;
    expect({ status: response.status, type: response.body.type }).toEqual({
      status: 400,
      type: expect.stringMatching(/invalid-input$/),
    });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await api.store.headPosition()).toBe(before);
  };

  it('refuses a progress report without its figure (was a 500: the controller read a member of undefined)', () =>
    refused(post(`/api/v1/projects/${projectId}/progress-reports`, { month: '2014-06' }), 'investmentCompletedToDate'));

  it('refuses an empty optional text, before a stale If-Match (was 412)', () =>
    refused(
      post(`/api/v1/projects/${projectId}/resumption`, { resumedOn: '2014-06-30', note: '' }, { 'If-Match': '"0"' }),
      'note',
    ));

  it('refuses null in a member that may only be absent, before a stale If-Match (was 412)', () =>
    refused(
      post(
        `/api/v1/parks/${parkId}/factory-completions`,
        { completedOn: '2014-06-30', floorAreaSqm: '100', description: null },
        { 'If-Match': '"0"' },
      ),
      'description',
    ));

  it('refuses a blank name and an id that is not one', async () => {
    await refused(post('/api/v1/parks', { name: '   ', city: '430100', level: 'provincial_park' }), 'name');
    await refused(
      api.request('PATCH', `/api/v1/projects/${projectId}`, {
        body: { reason: 'Moved', parkId: 'not an id!' },
        headers: { 'If-Match': '"0"' },
      }),
      'parkId',
    );
  });

  it('refuses a malformed path id, before a stale If-Match (was 412)', async () => {
    await refused(post('/api/v1/projects/%20/contract', { signedOn: '2014-06-30' }, { 'If-Match': '"0"' }), 'id');
    await refused(
      post(
        `/api/v1/projects/${projectId}/problems/-x/resolution`,
        { resolution: 'Done', resolvedOn: '2014-06-30' },
        { 'If-Match': '"0"' },
      ),
      'problemId',
    );
  });

  it('answers a path id longer than the server takes with a 414 problem, as documented', async () => {
    const response = await post(`/api/v1/projects/${'a'.repeat(101)}/contract`, { signedOn: '2014-06-30' });
    expect(response.status).toBe(414);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps the members an amendment leaves out absent, and null only where it clears', async () => {
    const amended = await api.request('PATCH', `/api/v1/investors/${investorId}`, {
      body: { rankings: ['listed'], reason: 'Listed' },
    });
    expect(amended.status).toBe(200);
    await refused(
      api.request('PATCH', `/api/v1/investors/${investorId}`, { body: { name: null, reason: 'Renamed' } }),
      'name',
    );
    const inPark = (await api.request('GET', `/api/v1/projects?pageSize=200&minPosition=${HEAD}`)).body.items.find(
      (p: { parkId: string | null }) => p.parkId !== null,
    );
    const cleared = await api.request('PATCH', `/api/v1/projects/${inPark.projectId}`, {
      body: { parkId: null, reason: 'Not in a park after all' },
    });
    expect(cleared.status).toBe(200);
    const after = await api.request('GET', `/api/v1/projects/${inPark.projectId}?minPosition=${cleared.body.position}`);
    expect(after.body).toMatchObject({ parkId: null, name: inPark.name, investorId: inPark.investorId });
  });
  describe('instants of the audit routes are RFC 3339 date-times (format date-time)', () => {
    it.each([
      ['an empty from (was accepted by the schema, refused by the pipe)', 'from='],
      ['a date without a time', 'from=2014-06-30'],
      ['a day that does not exist', 'to=2014-02-30T00:00:00Z'],
      ['no offset', 'to=2014-06-30T12:00:00'],
    ])('refuses %s in GET /audit/events, naming the field', (_case, query) =>
      refused(api.request('GET', `/api/v1/audit/events?${query}`, { key: KEYS.auditor }), query.split('=')[0]),
    );

    it('takes an RFC 3339 instant with an offset, and lower-case t and z', async () => {
      const offset = await api.request('GET', '/api/v1/audit/events?from=2014-06-30T18:00:00%2B08:00&limit=1', {
        key: KEYS.auditor,
      });
      expect(offset.status).toBe(200);
      const lower = await api.request('GET', '/api/v1/audit/events?to=2014-06-30t10:00:00z&limit=1', {
        key: KEYS.auditor,
      });
      expect(lower.status).toBe(200);
    });

    const checkpoint = {
      seq: 1,
      position: 1,
      link: 'a'.repeat(64),
      recordedAt: '2014-06-30T04:00:00.000Z',
      signedAt: '2014-06-30T04:00:01.000Z',
      keyId: '0123456789abcdef',
      signature: 'c2lnbmF0dXJl',
    };

    it('refuses a checkpoint posted to /audit/verification whose instants are not date-times', async () => {
      await refused(
        post('/api/v1/audit/verification', { checkpoints: [{ ...checkpoint, recordedAt: '2014-06-30' }] }),
        'checkpoints[0].recordedAt',
      );
      await refused(
        post('/api/v1/audit/verification', { checkpoints: [{ ...checkpoint, signedAt: '20140630T040001Z' }] }),
        'checkpoints[0].signedAt',
      );
    });

    it('refuses null where an export member may only be absent (was verified as if absent)', () =>
      refused(post('/api/v1/audit/verification', { checkpoints: [], publicKey: null }), 'publicKey'));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain, type RecordedEvent } from '@itp/event-store';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';

/**
 * A log written by the build before event schemas were versioned (the demo year, loaded through that build's
 * command API): every event is schema 1, and InvestorRegistered did not yet record the registering unit.
 * The current build must still fold it (commands), project it (reports equal to what that build answered),
 * show it as stored (history, audit log) and verify its chains.
 */
const FIXTURE = join(__dirname, '../fixtures/schema-1-log');
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURE, 'expected', `${name}.json`), 'utf8'));
const HEAD = 412;
const OLD_BUILD_UNIT = 'provincial-commerce-department';

describe('a log stored in schema 1', () => {
  let api: ApiHarness;
  let investorId: string;

  beforeAll(async () => {
    api = await startApi({ eventLog: join(FIXTURE, 'events.sqlite'), now: '2014-12-31T04:00:00Z' });
    investorId = (await api.request('GET', `/api/v1/investors?pageSize=100&minPosition=${HEAD}`)).body.items[0]
      .investorId;
  });
  afterAll(() => api.close());

  const get = async (path: string) => {
    const response = await api.request('GET', `/api/v1/${path}${path.includes('?') ? '&' : '?'}minPosition=${HEAD}`, {
      key: KEYS.admin,
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  const readAll = async (fromPosition = 0): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of api.store.readAll({ fromPosition })) events.push(event);
    return events;
  };

  it('has no event with a schema version in its metadata', async () => {
    const events = await readAll();
    expect(events).toHaveLength(HEAD);
    expect(events.filter((event) => 'schemaVersion' in event.metadata)).toEqual([]);
  });

  describe('projected by the current build', () => {
    it.each([
      ['statistics/targets?year=2014', 'statistics_targets_year_2014'],
      ['reports/quarterly-bulletin?quarter=2014-Q2', 'reports_quarterly-bulletin_quarter_2014-Q2'],
      ['reports/monthly-dispatch?month=2014-06', 'reports_monthly-dispatch_month_2014-06'],
      ['assessment?year=2014', 'assessment_year_2014'],
      ['projects?pageSize=100', 'projects_pageSize_100'],
    ])('answers %s as the build that wrote the log did', async (path, file) =>
      // Every figure that build answered is answered the same; fields later builds added to a report may be new.
      expect(await get(path)).toMatchObject(expected(file)),
    );

    it('lifts every investor to schema 2, with the unit of the key that registered it', async () => {
      const old = expected('investors_pageSize_100');
      expect(await get('investors?pageSize=100')).toEqual({
        ...old,
        items: old.items.map((item: object) => ({ ...item, registeredByUnit: OLD_BUILD_UNIT })),
      });
    });
  });

  describe('shown to auditors', () => {
    it("gives the investor's registration in its stored form, schema 1", async () => {
      const { items } = (
        await api.request('GET', '/api/v1/audit/events?type=InvestorRegistered&limit=1', { key: KEYS.auditor })
      ).body;
      expect(items[0]).toMatchObject({ type: 'InvestorRegistered', schemaVersion: 1 });
      expect(items[0].data).not.toHaveProperty('registeredByUnit');
    });

    it("verifies every stream's chain as stored", async () => {
      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of await readAll())
        byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      expect([...byStream.values()].map(verifyChain).filter((result) => !result.valid)).toEqual([]);
    });
  });

  describe('when commands follow on schema-1 streams', () => {
    let projectId: string;

    beforeAll(async () => {
      const amended = await api.request('PATCH', `/api/v1/investors/${investorId}`, {
        body: { rankings: ['listed'], reason: 'listed on the SZSE' },
      });
      expect(amended.status).toBe(200);
      const project = (await get('projects?pageSize=1')).items[0];
      projectId = project.projectId;
      const reported = await api.request('POST', `/api/v1/projects/${projectId}/problems`, {
        body: {
          title: 'Power supply',
          description: 'The substation is late',
          assignedUnit: 'state-grid-hunan',
          raisedOn: '2014-12-30',
        },
      });
      expect(reported.status).toBe(201);
    });

    it('folds the old events and appends new ones in the current schema', async () => {
      const investor = await api.request('GET', `/api/v1/investors/${investorId}?minPosition=${HEAD + 1}`, {
        key: KEYS.reporter,
      });
      expect(investor.body).toMatchObject({ rankings: ['listed'], registeredByUnit: OLD_BUILD_UNIT, amendments: 1 });
      const appended = (await readAll(HEAD)).map((event) => [event.type, event.metadata.schemaVersion]);
      expect(appended).toEqual([
        ['InvestorDetailsAmended', 1],
        ['ProjectProblemRaised', 1],
      ]);
    });

    it('records a new investor in schema 2, with the unit of the key that sends it', async () => {
      const created = await api.request('POST', '/api/v1/investors', {
        key: KEYS.integrationHengyang,
        body: { name: 'Hengyang Valin', country: 'HK', rankings: [] },
      });
      expect(created.status).toBe(201);
      const [stored] = await api.store.readStream(`investor-${created.body.id}`);
      expect(stored.metadata.schemaVersion).toBe(2);
      expect(stored.data.registeredByUnit).toBe('hengyang-commerce-bureau');
    });

    it("shows the project's history with both kinds of event, its chain verified", async () => {
      const history = (await api.request('GET', `/api/v1/projects/${projectId}/history`, { key: KEYS.auditor })).body;
      expect(history.chain).toMatchObject({ valid: true });
      expect(history.events.at(-1)).toMatchObject({ type: 'ProjectProblemRaised', schemaVersion: 1 });
      expect(history.events.length).toBeGreaterThan(1);
    });
  });
});

import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { givenProject } from '../support/command-fixtures';

/**
 * A city-scoped key reads as of an instant what it was shown at that instant (ADR 0009, "As of a past instant"):
 * a project is its city's record by the city the log records for it up to that instant. A project moved from
 * Changsha to Hengyang is Changsha's before the move and Hengyang's after it, in every as-of answer; today's
 * answers follow its city now. The moved-away city reads no event recorded after the move.
 */
describe('as-of reads by a city-scoped key', () => {
  let api: ApiHarness;
  let projectId: string;
  let beforeMove: number;

  beforeAll(async () => {
    api = await startApi();
    projectId = await givenProject(api, {
      name: 'Changsha Lingang logistics park',
      city: '430100',
      introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
    });
    beforeMove = await api.store.headPosition();
    const moved = await api.request('PATCH', `/api/v1/projects/${projectId}`, {
      body: { city: '430400', reason: 'The site was moved to Hengyang by the joint conference' },
    });
    expect(moved.status).toBe(200);
  }, 120_000);
  afterAll(async () => api?.close());

  const read = (key: string, path: string) => api.request('GET', path, { key });

  it("shows Changsha's key the project as it was while it was Changsha's, and not after the move", async () => {
    const asOfThen = await read(KEYS.reporterChangsha, `/api/v1/projects/${projectId}?atPosition=${beforeMove}`);
    expect(asOfThen.status).toBe(200);
    expect(asOfThen.body).toMatchObject({ projectId, city: '430100' });
    expect(asOfThen.headers['x-read-scope']).toBe('430100');

    const list = await read(KEYS.reporterChangsha, `/api/v1/projects?atPosition=${beforeMove}`);
    expect(list.body.items.map((item: { projectId: string }) => item.projectId)).toEqual([projectId]);

    const fresh = `minPosition=${await api.store.headPosition()}`;
    expect((await read(KEYS.reporterChangsha, `/api/v1/projects/${projectId}?${fresh}`)).status).toBe(404);
    const now = await read(KEYS.reporterChangsha, `/api/v1/projects?atPosition=${await api.store.headPosition()}`);
    expect(now.body).toMatchObject({ items: [], total: 0 });
  });

  it("shows Changsha's key nothing of a project moved to Changsha before it became Changsha's", async () => {
    const arriving = await givenProject(api, { name: 'Hengyang electronics plant' });
    const beforeArrival = await api.store.headPosition();
    const moved = await api.request('PATCH', `/api/v1/projects/${arriving}`, {
      body: { city: '430100', reason: 'The investor chose a site in Changsha' },
    });
    expect(moved.status).toBe(200);
    const changsha = KEYS.reporterChangsha;
    expect((await read(changsha, `/api/v1/projects/${arriving}?atPosition=${beforeArrival}`)).status).toBe(404);
    const fresh = `minPosition=${await api.store.headPosition()}`;
    expect((await read(changsha, `/api/v1/projects/${arriving}?${fresh}`)).body).toMatchObject({ city: '430100' });
  });
});

import type { Send } from '../../scripts/demo/client';
import { DEMO_PROJECTS, loadDemoData } from '../../scripts/demo/loader';
import { EXCHANGE_RATES, INVESTORS, PARKS } from '../../scripts/demo/data/reference-data';
import { startApi, type ApiHarness } from '../support/api-harness';

/** The demo loader's requests, sent to the in-process api with the admin key of the harness. */
const harnessSender =
  (api: ApiHarness): Send =>
  (request) =>
    api.request(request.method, request.path, {
      body: request.body,
      headers: request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {},
    });

describe('the 2014 demo data loader', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // "Today" is the last day of 2014: every business date of the demo must be on or before it.
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
  });
  afterAll(() => api.close());

  it('loads the year through the command API, then a second run appends nothing', async () => {
    const first = await loadDemoData(harnessSender(api));
    expect(first.present).toBe(0);
    expect(first.rows.get('exchange rates')).toEqual({ created: EXCHANGE_RATES.length, present: 0 });
    expect(first.rows.get('parks')).toEqual({ created: PARKS.length, present: 0 });
    expect(first.rows.get('investors')).toEqual({ created: INVESTORS.length, present: 0 });
    expect(first.rows.get('projects registered')).toEqual({ created: DEMO_PROJECTS.length, present: 0 });
    for (const kind of [
      'park upgrades',
      'business registrations',
      'Xiangnan batch assignments',
      'monthly progress reports',
      'problems resolved',
      'suspensions',
      'resumptions',
      'abandonments',
      'amendments',
    ]) {
      expect(first.rows.get(kind)?.created).toBeGreaterThan(0);
    }
    const head = await api.store.headPosition();
    expect(head).toBeGreaterThanOrEqual(first.created);

    const second = await loadDemoData(harnessSender(api));
    expect(second.created).toBe(0);
    expect(second.present).toBe(first.created);
    expect(await api.store.headPosition()).toBe(head);
  }, 120_000);

  it('covers the 14 cities of Hunan', () => {
    expect(new Set(DEMO_PROJECTS.map((project) => project.city)).size).toBe(14);
  });
});

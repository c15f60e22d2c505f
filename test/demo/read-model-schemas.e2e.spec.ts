import { ALL_PROJECTIONS } from '@itp/projections';
import { describeErrors, readModelValidators } from '@itp/projections/testing/read-model-validation';
import { READ_STORE, type ReadStore } from '@itp/read-store';
import { ProjectionFreshness } from '../../apps/api/src/projections/projection-freshness.service';
import type { Send } from '../../scripts/demo/client';
import { loadDemoData } from '../../scripts/demo/loader';
import { startApi, type ApiHarness } from '../support/api-harness';

/** The demo loader's requests, sent to the in-process api with the admin key of the harness. */
const harnessSender =
  (api: ApiHarness): Send =>
  (request) =>
    api.request(request.method, request.path, {
      body: request.body,
      headers: request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {},
    });

/**
 * What reporting services are promised (docs/read-models/*.schema.json) against what the projections write:
 * the demo year 2014 loaded through the command API of an api on the embedded default, then EVERY document of
 * every read model validated with ajv against the published schema of its collection.
 */
describe('the published read-model schemas, over the demo year', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    await loadDemoData(harnessSender(api));
    const head = await api.store.headPosition();
    await api.app.get(ProjectionFreshness).ensure(
      head,
      ALL_PROJECTIONS.map((projection) => projection.name),
    );
  }, 180_000);
  afterAll(() => api.close());

  it('hold for every document of every read model', async () => {
    const store = api.app.get<ReadStore>(READ_STORE);
    const validators = readModelValidators();
    const counts: Record<string, number> = {};
    const failures: { collection: string; _id: string; errors: string[] }[] = [];
    for (const projection of ALL_PROJECTIONS) {
      const validate = validators.get(projection.collection);
      expect(validate).toBeDefined();
      const documents = await store.collection(projection.collection).find({}, { sort: { _id: 1 } });
      counts[projection.collection] = documents.length;
      for (const document of documents) {
        const valid: boolean = validate!(document);
        if (!valid)
          failures.push({
            collection: projection.collection,
            _id: document._id,
            errors: describeErrors(validate!.errors),
          });
      }
    }
    expect(failures).toEqual([]);
    // Every read model has documents: the demo exercises them all (one rate table, many of the others).
    expect(counts).toEqual({
      project_library: expect.any(Number),
      investor_library: expect.any(Number),
      park_library: expect.any(Number),
      exchange_rates: 1,
      problems: expect.any(Number),
    });
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(0);
    process.stderr.write(`\n[read-model-schemas] documents validated: ${JSON.stringify(counts)}\n`);
  });
});

import { MongoClient } from 'mongodb';
import { v4 as uuid } from 'uuid';
import { loadConfig } from '@itp/platform';
import type { Send } from '../../scripts/demo/client';
import { loadDemoData } from '../../scripts/demo/loader';
import { runProjector } from '../../apps/projector/src/projector';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { eventStoreDbTarget, type EventStoreDbTarget } from '../support/eventstoredb-target';

/**
 * The production shape end to end: the api on EventStoreDB (the wire stand-in, or EVENTSTORE_CONNECTION_STRING's
 * server), apps/projector folding the log into MongoDB (FerretDB in CI), and the query API answering the demo
 * year with the same documents as the embedded default. Skipped, loudly, without MONGODB_URI.
 */
const mongoUri = process.env.MONGODB_URI?.trim();
const NOW = '2014-12-31T04:00:00Z';
jest.setTimeout(180_000);

const QUERIES = [
  '/api/v1/statistics/targets?year=2014',
  '/api/v1/reports/monthly-dispatch?month=2014-06',
  '/api/v1/reports/quarterly-bulletin?quarter=2014-Q2',
  '/api/v1/assessment?year=2014',
  '/api/v1/projects?pageSize=100',
  '/api/v1/investors?pageSize=100',
  '/api/v1/parks?pageSize=100',
  '/api/v1/problems',
];

/** Recorded times differ between two runs of the same story (and positions between the two stores): not compared. */
const withoutRecordedTimes = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutRecordedTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/(At|_position)$/.test(key))
      .map(([key, inner]) => [key, withoutRecordedTimes(inner)]),
  );
};

const harnessSender =
  (api: ApiHarness): Send =>
  (request) =>
    api.request(request.method, request.path, {
      body: request.body,
      headers: request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {},
    });

if (!mongoUri) {
  process.stderr.write(
    `\n${'#'.repeat(96)}\n##  Projector on EventStoreDB + MongoDB SKIPPED: MONGODB_URI is not set (scripts/ferretdb/start-ferretdb.sh gives one).\n${'#'.repeat(96)}\n\n`,
  );
}

(mongoUri ? describe : describe.skip)('the projector between EventStoreDB and MongoDB', () => {
  const dbName = `${process.env.MONGODB_DB?.trim() || 'itp_test'}_projector_${uuid().slice(0, 8)}`;
  let eventStoreDb: EventStoreDbTarget;
  let production: ApiHarness;
  let embedded: ApiHarness;
  let stopProjector: () => void;
  let projector: Promise<void>;

  beforeAll(async () => {
    eventStoreDb = await eventStoreDbTarget();
    const env = {
      EVENTSTORE_CONNECTION_STRING: eventStoreDb.connectionString,
      MONGODB_URI: mongoUri!,
      MONGODB_DB: dbName,
    };
    production = await startApi({ now: NOW, eventStore: 'eventstoredb', env });
    const stopped = new Promise<string>((resolve) => (stopProjector = () => resolve('end of test')));
    projector = runProjector(loadConfig({ ...env, LOG_LEVEL: 'silent', ITP_DATA_DIR: production.dataDir }), {
      until: stopped,
    });
    embedded = await startApi({ now: NOW, eventStore: 'sqlite' });
    await loadDemoData(harnessSender(production));
    await loadDemoData(harnessSender(embedded));
  });

  afterAll(async () => {
    stopProjector?.();
    await projector;
    await production?.close();
    await embedded?.close();
    await eventStoreDb?.close();
    const client = await MongoClient.connect(mongoUri!);
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('leaves the projections to the projector, which has folded the demo year', async () => {
    const health = await production.request('GET', '/health', { key: KEYS.auditor });
    expect(health.body.projectionsRunIn).toBe('projector');
    const position = await production.store.headPosition();
    const targets = await production.request('GET', `/api/v1/statistics/targets?year=2014&minPosition=${position}`, {
      key: KEYS.reporter,
    });
    // The demo year counts 20 transfer projects (README): the comparisons below are not of empty answers.
    expect(targets.body.transferProjects.counted).toBe(20);
  });

  it.each(QUERIES)('answers %s as the embedded default does', async (query) => {
    const position = await production.store.headPosition();
    const separator = query.includes('?') ? '&' : '?';
    const fromMongo = await production.request('GET', `${query}${separator}minPosition=${position}`, {
      key: KEYS.reporter,
    });
    const fromEmbedded = await embedded.request(
      'GET',
      `${query}${separator}minPosition=${await embedded.store.headPosition()}`,
      {
        key: KEYS.reporter,
      },
    );
    expect(fromMongo.status).toBe(200);
    expect(fromEmbedded.status).toBe(200);
    expect(withoutRecordedTimes(fromMongo.body)).toEqual(withoutRecordedTimes(fromEmbedded.body));
  });
});

import { DOMAIN_EVENTS } from '@itp/domain';
import { MongoClient } from 'mongodb';
import { v4 as uuid } from 'uuid';
import { SqliteEventStore, type EventStore } from '@itp/event-store';
import { EmbeddedReadStore, MongoReadStore, type ReadStore } from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import { simulateProvince } from '../simulation/province-simulator';
import { ProjectionRunner } from './projection-runner';

/**
 * The real projections through the real MongoDB driver (FerretDB in CI): the same history gives the same
 * documents as on the embedded store, and replaying it all again (checkpoints lost, no transactions) changes
 * nothing. Skipped, loudly, without MONGODB_URI.
 */
const uri = process.env.MONGODB_URI?.trim();
const names = ALL_PROJECTIONS.map((projection) => projection.name);
const metadata = {
  actor: 'spec',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

const snapshot = async (store: ReadStore) =>
  Object.fromEntries(
    await Promise.all(
      ALL_PROJECTIONS.map(
        async (p) => [p.name, await store.collection(p.collection).find({}, { sort: { _id: 1 } })] as const,
      ),
    ),
  );

async function runToHead(eventStore: EventStore, readStore: ReadStore): Promise<void> {
  const runner = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS, idleBackoffMs: 5 });
  await runner.start();
  try {
    expect(await runner.waitFor(await eventStore.headPosition(), names, 60_000)).toBe(true);
    for (const status of await runner.statuses()) expect(status.lastError).toBeNull();
  } finally {
    await runner.stop();
  }
}

if (!uri) {
  process.stderr.write(
    [
      '',
      '#'.repeat(80),
      '##  Projections on MongoDB SKIPPED: MONGODB_URI is not set (scripts/ferretdb/start-ferretdb.sh gives one).',
      '#'.repeat(80),
      '',
      '',
    ].join('\n'),
  );
}

(uri ? describe : describe.skip)('the projections on MongoDB (MONGODB_URI)', () => {
  jest.setTimeout(180_000);
  const dbName = `${process.env.MONGODB_DB?.trim() || 'itp_test'}_projections_${uuid().slice(0, 8)}`;
  let eventStore: SqliteEventStore;

  beforeAll(async () => {
    eventStore = new SqliteEventStore({ filePath: ':memory:', pollIntervalMs: 5 });
    for (const { streamId, events } of simulateProvince({ projects: 6, seed: 20141, months: 18 })) {
      await eventStore.appendToStream(
        streamId,
        events.map(({ type, data }) => ({
          id: uuid(),
          type,
          data,
          metadata: { ...metadata, schemaVersion: DOMAIN_EVENTS.schemaVersion(type) },
        })),
        { expectedRevision: 'any' },
      );
    }
  });

  afterAll(async () => {
    await eventStore.close();
    const client = await MongoClient.connect(uri!);
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('folds a province history into the same documents as the embedded store, and a full replay changes nothing', async () => {
    expect(await eventStore.headPosition()).toBeGreaterThan(100);
    const embedded = new EmbeddedReadStore({ filePath: ':memory:' });
    const mongo = new MongoReadStore({ uri: uri!, dbName });
    try {
      await runToHead(eventStore, embedded);
      await runToHead(eventStore, mongo);
      const expected = await snapshot(embedded);
      expect(Object.values(expected).every((documents) => documents.length > 0)).toBe(true);
      expect(await snapshot(mongo)).toEqual(expected);

      // A crash that lost every checkpoint: everything is replayed from position 0 against the stored documents.
      for (const name of names) await mongo.deleteCheckpoint(name);
      await runToHead(eventStore, mongo);
      expect(await snapshot(mongo)).toEqual(expected);
    } finally {
      await embedded.close();
      await mongo.close();
    }
  });
});

import { DOMAIN_EVENTS } from '@itp/domain';
import { MongoClient, type Db } from 'mongodb';
import { v4 as uuid } from 'uuid';
import { SqliteEventStore } from '@itp/event-store';
import { MongoReadStore } from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import { physicalCollection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { simulateProvince } from '../simulation/province-simulator';
import { toMongoJsonSchema } from './mongo-json-schema';
import { READ_MODEL_SCHEMAS } from './read-model-schemas';

/**
 * Rebuilds on MongoDB (FerretDB in CI): the live collection and every rebuilt one carry the declared indexes
 * before readers see them, and the stable name (a view where the server has views, the alias document where it
 * has not) follows the switch. Skipped, loudly, without MONGODB_URI.
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

if (!uri) {
  process.stderr.write(
    [
      '',
      '#'.repeat(80),
      '##  Rebuild indexes and stable names on MongoDB SKIPPED: MONGODB_URI is not set',
      '##  (scripts/ferretdb/start-ferretdb.sh gives one). Nothing was checked against MongoDB or FerretDB.',
      '#'.repeat(80),
      '',
      '',
    ].join('\n'),
  );
}

/** The key patterns of a collection's indexes besides `_id`, as JSON, sorted. */
const indexKeys = async (db: Db, collection: string): Promise<string[]> =>
  (await db.collection(collection).listIndexes().toArray())
    .filter((index) => index.name !== '_id_')
    .map((index) => JSON.stringify(index.key))
    .sort();

const declaredKeys = (collection: string): string[] =>
  ALL_PROJECTIONS.find((p) => p.collection === collection)!
    .indexes!.map((index) => JSON.stringify(index.keys))
    .sort();

(uri ? describe : describe.skip)('rebuilds on MongoDB (MONGODB_URI): indexes and stable names', () => {
  jest.setTimeout(300_000);
  const dbName = `${process.env.MONGODB_DB?.trim() || 'itp_test'}_rebuild_${uuid().slice(0, 8)}`;
  let eventStore: SqliteEventStore;
  let store: MongoReadStore;
  let client: MongoClient;
  let db: Db;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    eventStore = new SqliteEventStore({ filePath: ':memory:', pollIntervalMs: 5 });
    for (const { streamId, events } of simulateProvince({ projects: 6, seed: 8061, months: 12 })) {
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
    client = await MongoClient.connect(uri!);
    db = client.db(dbName);
    store = new MongoReadStore({ uri: uri!, dbName });
    runner = new ProjectionRunner({ eventStore, readStore: store, projections: ALL_PROJECTIONS, idleBackoffMs: 5 });
    await runner.start();
    expect(await runner.waitFor(await eventStore.headPosition(), names, 120_000)).toBe(true);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await eventStore?.close();
    await db?.dropDatabase();
    await client?.close();
  });

  it('gives the live collections their declared indexes when the runner starts', async () => {
    for (const projection of ALL_PROJECTIONS) {
      const physical = physicalCollection(projection);
      expect(await store.resolveAlias(projection.collection)).toBe(physical);
      expect({ physical, keys: await indexKeys(db, physical) }).toEqual({
        physical,
        keys: declaredKeys(projection.collection),
      });
    }
  });

  it('builds every rebuilt collection with its indexes, and the stable name follows the switch', async () => {
    for (const projection of ALL_PROJECTIONS) {
      const before = await store.collection(projection.collection).find({}, { sort: { _id: 1 } });
      const { completion } = await runner.rebuild(projection.name);
      expect(await completion).toBe(true);
      const physical = `${physicalCollection(projection)}_rebuild_1`;
      expect(await store.resolveAlias(projection.collection)).toBe(physical);
      expect({ physical, keys: await indexKeys(db, physical) }).toEqual({
        physical,
        keys: declaredKeys(projection.collection),
      });
      expect(await store.listCollections()).not.toContain(physicalCollection(projection));
      expect(await store.collection(projection.collection).find({}, { sort: { _id: 1 } })).toEqual(before);

      const features = store.optionalFeatures();
      const [named] = await db.listCollections({ name: projection.collection }).toArray();
      if (features.views === true) {
        // A real MongoDB: the view named after the read model reads the live collection.
        expect(named).toMatchObject({ type: 'view', options: { viewOn: physical, pipeline: [] } });
        expect(await db.collection(projection.collection).countDocuments()).toBe(before.length);
      } else {
        // FerretDB 1.x: no views; readers resolve the alias document, and nothing else holds the name.
        expect(features.views).toBe(false);
        expect(named).toBeUndefined();
        expect(
          await db.collection('read_store_aliases').findOne({ _id: projection.collection as never }),
        ).toMatchObject({
          _id: projection.collection,
          target: physical,
        });
      }

      const [rebuilt] = await db.listCollections({ name: physical }).toArray();
      const options = (rebuilt as { options?: Record<string, unknown> }).options ?? {};
      if (features.validators === true) {
        expect(options).toMatchObject({
          validator: { $jsonSchema: toMongoJsonSchema(READ_MODEL_SCHEMAS[projection.collection]) },
          validationLevel: 'strict',
          validationAction: 'warn',
        });
      } else {
        expect(features.validators).toBe(false);
        expect(options.validator).toBeUndefined();
      }
    }
    const features = store.optionalFeatures();
    // Readers of the api never depend on either: a switch succeeded above whatever the server supports.
    process.stderr.write(
      `\n[rebuild-on-mongodb] server: views ${features.views ? 'supported' : 'NOT supported (alias document)'}, ` +
        `validators ${features.validators ? 'supported' : 'NOT supported'}\n`,
    );
  });

  it('restarts on collections that have their indexes already (FerretDB must not be asked to create several existing ones at once)', async () => {
    await runner.stop();
    const errors: string[] = [];
    runner = new ProjectionRunner({
      eventStore,
      readStore: store,
      projections: ALL_PROJECTIONS,
      idleBackoffMs: 5,
      retryDelayMs: 50,
      logger: { log: () => undefined, warn: (m) => errors.push(m), error: (m) => errors.push(m) },
    });
    await runner.start();
    expect(await runner.waitFor(await eventStore.headPosition(), names, 60_000)).toBe(true);
    // waitFor answers from the checkpoints: wait for one live batch past the start, where the indexes are made.
    for (let i = 0; i < 200 && (await runner.statuses()).some((s) => s.state !== 'live'); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await runner.statuses()).map((s) => [s.name, s.state])).toEqual(names.map((n) => [n, 'live']));
    expect(errors).toEqual([]);
    for (const projection of ALL_PROJECTIONS) {
      const physical = await store.resolveAlias(projection.collection);
      expect(await indexKeys(db, physical)).toEqual(declaredKeys(projection.collection));
    }
  });
});

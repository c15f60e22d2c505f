import { MongoClient, type Db } from 'mongodb';
import { v4 as uuid } from 'uuid';
import { MongoReadStore } from './mongodb-read-store';
import { mongoReadStoreOptionsFromEnv } from './mongodb-read-store-options';

/**
 * What readers outside the port get from the MongoDB store: a view named after each alias where the server has
 * views, the alias document where it has not (FerretDB 1.x), and `$jsonSchema` validators where the server has
 * them. Each branch runs on the server MONGODB_URI names; on FerretDB only the fallbacks can be checked.
 * Skipped, loudly, without MONGODB_URI.
 */
const options = mongoReadStoreOptionsFromEnv();
if (options === undefined) {
  process.stderr.write(
    [
      '',
      '#'.repeat(80),
      '##  MongoDB stable names and validators SKIPPED: MONGODB_URI is not set.',
      '##  Run scripts/ferretdb/start-ferretdb.sh and set the variables it prints.',
      '#'.repeat(80),
      '',
      '',
    ].join('\n'),
  );
}

(options ? describe : describe.skip)('MongoDB read store: stable names and validators (MONGODB_URI)', () => {
  const dbName = `${options?.dbName ?? 'itp_test'}_stable_${uuid().slice(0, 8)}`;
  let store: MongoReadStore;
  let client: MongoClient;
  let db: Db;
  const name = (base: string) => `${base}_${uuid().slice(0, 8)}`;
  const doc = (id: string, extra: Record<string, unknown> = {}) => ({ _id: id, title: `t-${id}`, ...extra });
  const write = (collection: string, id: string, position: number, extra: Record<string, unknown> = {}) =>
    store.applyBatch({ writes: [{ kind: 'upsert', collection, position, document: doc(id, extra) }] });

  beforeAll(async () => {
    store = new MongoReadStore({ ...options!, dbName });
    client = await MongoClient.connect(options!.uri);
    db = client.db(dbName);
  });
  afterAll(async () => {
    await store?.close();
    await db?.dropDatabase();
    await client?.close();
  });

  it('points the stable name at each new target: a view where the server has views, else the alias document', async () => {
    const alias = name('model');
    await write(`${alias}_v1`, 'a', 1);
    await store.switchAlias(alias, `${alias}_v1`);
    await write(`${alias}_v2`, 'a', 2);
    await write(`${alias}_v2`, 'b', 3);
    await store.switchAlias(alias, `${alias}_v2`);

    const [named] = await db.listCollections({ name: alias }).toArray();
    if (store.optionalFeatures().views) {
      expect(named).toMatchObject({ type: 'view', options: { viewOn: `${alias}_v2`, pipeline: [] } });
      expect(await db.collection(alias).find({}).sort({ _id: 1 }).toArray()).toEqual([
        { _id: 'a', title: 't-a', _position: 2 },
        { _id: 'b', title: 't-b', _position: 3 },
      ]);
    } else {
      expect(store.optionalFeatures().views).toBe(false);
      expect(named).toBeUndefined();
      expect(await db.collection('read_store_aliases').findOne({ _id: alias as never })).toMatchObject({
        _id: alias,
        target: `${alias}_v2`,
      });
    }
    // Views are not physical collections: the port's list (which rebuilds clean up from) never shows them.
    expect(await store.listCollections()).toEqual(expect.arrayContaining([`${alias}_v1`, `${alias}_v2`]));
    expect(await store.listCollections()).not.toContain(alias);

    await store.removeAlias(alias);
    expect(await db.listCollections({ name: alias }).toArray()).toEqual([]);
  });

  it('leaves a real collection that holds the alias name alone, and switches all the same', async () => {
    const alias = name('legacy');
    await write(alias, 'old', 1);
    await write(`${alias}_v1`, 'new', 2);
    await expect(store.switchAlias(alias, `${alias}_v1`)).resolves.toEqual({ previous: alias });
    expect(await store.collection(alias).find({})).toEqual([{ _id: 'new', title: 't-new', _position: 2 }]);
    const [named] = await db.listCollections({ name: alias }).toArray();
    expect(named?.type).toBe('collection');
    expect(await db.collection(alias).countDocuments()).toBe(1);
  });

  it('sets a $jsonSchema validator where the server has them, and answers applied: false where it has not', async () => {
    const collection = name('validated');
    const jsonSchema = {
      type: 'object',
      required: ['_id', '_position', 'title'],
      additionalProperties: false,
      properties: { _id: { type: 'string' }, _position: { type: 'number' }, title: { type: 'string' } },
    };
    const outcome = await store.ensureValidator(collection, { jsonSchema, level: 'strict', action: 'error' });
    if (!outcome.applied) {
      // FerretDB 1.x: NotImplemented, remembered; writes are not validated and go through.
      expect(outcome.reason).toMatch(/NotImplemented/);
      expect(store.optionalFeatures().validators).toBe(false);
      await expect(write(collection, 'x', 1, { extra: true })).resolves.toEqual({ applied: 1, skipped: 0 });
      return;
    }
    const [created] = await db.listCollections({ name: collection }).toArray();
    expect(created).toMatchObject({
      options: { validator: { $jsonSchema: jsonSchema }, validationLevel: 'strict', validationAction: 'error' },
    });
    await expect(write(collection, 'ok', 1)).resolves.toEqual({ applied: 1, skipped: 0 });
    await expect(write(collection, 'bad', 2, { extra: true })).rejects.toThrow(/validation/i);
    // 'warn', as the projections set it: the same write lands (and the server logs it).
    await expect(store.ensureValidator(collection, { jsonSchema, level: 'strict', action: 'warn' })).resolves.toEqual({
      applied: true,
    });
    await expect(write(collection, 'bad', 2, { extra: true })).resolves.toEqual({ applied: 1, skipped: 0 });
  });
});

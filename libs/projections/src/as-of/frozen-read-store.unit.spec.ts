import { EmbeddedReadStore, type FindOptions, type ReadFilter, type StoredDocument } from '@itp/read-store';
import { deepFreeze, FrozenReadStore } from './frozen-read-store';

const documents: StoredDocument[] = [
  { _id: 'a', _position: 3, city: '430100', year: 2014, counts: true, amount: 5, tags: ['x', 'y'], nested: { q: 1 } },
  { _id: 'b', _position: 4, city: '430200', year: 2014, counts: false, amount: 7, tags: ['y'], nested: { q: 2 } },
  { _id: 'c', _position: 5, city: '430100', year: 2015, counts: true, amount: 7, tags: [], nested: null },
  { _id: 'd', _position: 6, city: '430400', year: 2014, counts: true, amount: null, tags: ['z'], nested: { q: 3 } },
];

const QUERIES: [ReadFilter, FindOptions][] = [
  [{}, {}],
  [{ year: 2014, counts: true }, { sort: { _id: 1 } }],
  [{ $or: [{ year: 2015 }, { 'nested.q': 2 }] }, { sort: { amount: -1, _id: 1 } }],
  [{ _id: { $in: ['a', 'c', 'zz'] } }, { sort: { _id: -1 } }],
  [{ _id: 'b' }, {}],
  [{ amount: { $ne: null, $lte: 6 } }, {}],
  [{ tags: { $in: ['y'] } }, { sort: { _id: 1 }, projection: { tags: 0, nested: 0 } }],
  [{ city: { $regex: '^4301', $options: 'i' } }, { sort: { _id: 1 }, projection: { city: 1 } }],
  [{ counts: true }, { sort: { _id: 1 }, skip: 1, limit: 2 }],
];

/** The as-of store answers every query as the live embedded store does: the same evaluator on the same documents. */
describe('FrozenReadStore', () => {
  let embedded: EmbeddedReadStore;
  let frozen: FrozenReadStore;
  beforeAll(async () => {
    embedded = new EmbeddedReadStore({ filePath: ':memory:' });
    await embedded.applyBatch({
      writes: documents.map((document) => ({
        kind: 'upsert' as const,
        collection: 'things',
        position: document._position,
        document,
      })),
    });
    frozen = new FrozenReadStore(
      new Map([['things', new Map(documents.map((d) => [d._id, deepFreeze(structuredClone(d))]))]]),
      6,
    );
  });
  afterAll(() => embedded.close());

  it.each(QUERIES)('find(%j, %j) answers as the embedded store does', async (filter, options) => {
    const live = await embedded.collection('things').find(filter, options);
    expect(await frozen.collection('things').find(filter, options)).toEqual(live);
    expect(await frozen.collection('things').count(filter)).toBe(await embedded.collection('things').count(filter));
    expect(await frozen.collection('things').findOne(filter)).toEqual(
      await embedded.collection('things').findOne(filter),
    );
  });

  it('names itself at its position and refuses every write', async () => {
    expect(await frozen.getCheckpoint()).toBe(6);
    expect(await frozen.listCollections()).toEqual(['things']);
    await expect(frozen.applyBatch()).rejects.toThrow(/read-only/);
    await expect(frozen.dropCollection()).rejects.toThrow(/read-only/);
    expect(() => frozen.collection('other')).toThrow(/without collection other/);
  });
});

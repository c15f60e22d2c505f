import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Query } from 'mingo';
import type { ReadDocument, ReadFilter } from '../read-store.port';
import { sqlPrefilter } from './sql-prefilter';

/**
 * sqlPrefilter against mingo, the embedded store's definition of a filter: for any documents and any filter, every
 * document mingo matches is in the rows SQLite selects with the prefilter, over the bodies as the store keeps them
 * (JSON.stringify). It may select more (the store evaluates the whole filter on them), never fewer.
 */
const scalar = fc.oneof(
  fc.constantFrom('', '2016', 'a', 'B', '城市', 'x"y', 'a\\b', '\u00e9', 'line\nbreak'),
  fc.constantFrom(0, -1, 1, 2.5, 2016, 1e21, -0),
  fc.boolean(),
);
const leafValue = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
);
/** Nested objects and arrays of objects: MongoDB's dotted paths go through both. */
const value = fc.oneof(
  { weight: 5, arbitrary: leafValue },
  { weight: 2, arbitrary: fc.record({ b: leafValue, c: leafValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.array(fc.record({ b: leafValue }, { requiredKeys: [] }), { maxLength: 3 }) },
);
const documentsArbitrary = fc
  .array(fc.record({ a: value, b: value, progress: value }, { requiredKeys: [] }), { maxLength: 20 })
  .map((records) => records.map((record, index) => ({ _id: `d${index}`, ...record }) as ReadDocument));

const path = fc.constantFrom('a', 'b', 'a.b', 'a.c', 'b.b', 'progress', 'a.0', 'a-b');
const condition = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.record({ $eq: scalar }) },
  { weight: 2, arbitrary: fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }) },
  // What it does not translate: these must narrow nothing, not wrongly.
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, { $ne: 1 }, { $gt: 0 }, { $in: [null, 1] }, ['a'], { $exists: false }),
  },
);
const leaf = fc.dictionary(path, condition, { minKeys: 1, maxKeys: 2 });
const nested = fc.oneof(
  leaf,
  fc.record({ $or: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
  fc.record({ $and: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
);
const filterArbitrary: fc.Arbitrary<ReadFilter> = fc.oneof(
  nested,
  fc.record({ $or: fc.array(nested, { minLength: 1, maxLength: 3 }) }),
  fc.tuple(leaf, fc.array(nested, { minLength: 1, maxLength: 2 })).map(([fields, branches]) => ({
    ...fields,
    $or: branches,
  })),
);

describe('sqlPrefilter', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterAll(() => db.close());

  /** The ids SQLite selects with the filter's prefilter (every id when it narrows nothing). */
  const selected = (documents: ReadDocument[], filter: ReadFilter): Set<string> => {
    db.exec('DELETE FROM docs');
    const insert = db.prepare('INSERT INTO docs (id, body) VALUES (?, ?)');
    for (const document of documents) insert.run(document._id, JSON.stringify(document));
    const condition = sqlPrefilter(filter);
    const where = condition === undefined ? '' : `WHERE ${condition.sql}`;
    const rows = db.prepare(`SELECT id FROM docs ${where}`).all(...(condition?.params ?? [])) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  };
  const matchedByMingo = (documents: ReadDocument[], filter: ReadFilter): string[] => {
    const query = new Query(filter);
    // As the store evaluates: on the parsed stored body.
    return documents.filter((document) => query.test(JSON.parse(JSON.stringify(document)))).map((d) => d._id);
  };

  it('selects every document mingo matches, for any documents and filter', () => {
    fc.assert(
      fc.property(documentsArbitrary, filterArbitrary, (documents, filter) => {
        const rows = selected(documents, filter);
        for (const id of matchedByMingo(documents, filter)) expect(rows).toContain(id);
      }),
      { numRuns: 1500 },
    );
  });

  it('narrows by equality, $eq and $in on a dotted path, under $and and $or', () => {
    const documents: ReadDocument[] = [
      { _id: 'counted', targetYear: 2016, countsTowardTarget: true, xiangnan: null },
      { _id: 'other-year', targetYear: 2015, countsTowardTarget: true, xiangnan: null },
      { _id: 'major', targetYear: 2015, countsTowardTarget: false, xiangnan: { qualifiesAsMajor: true } },
      { _id: 'tagged', tags: ['x', 'y'] },
      { _id: 'listed', list: [{ flag: true }] },
    ];
    const targets = {
      $or: [{ targetYear: 2016, countsTowardTarget: true }, { 'xiangnan.qualifiesAsMajor': true }],
    };
    expect([...selected(documents, targets)].sort()).toEqual(['counted', 'major']);
    expect([...selected(documents, { targetYear: { $in: [2015, 2014] } })].sort()).toEqual(['major', 'other-year']);
    expect([...selected(documents, { $and: [{ targetYear: { $eq: 2015 } }, { countsTowardTarget: false }] })]).toEqual([
      'major',
    ]);
    // An array on the way: selected whatever it holds (MongoDB looks into it).
    expect([...selected(documents, { tags: 'z' })]).toEqual(['tagged']);
    expect([...selected(documents, { 'list.flag': false })]).toEqual(['listed']);
  });

  it('does not narrow what it cannot check exactly enough', () => {
    for (const filter of [
      {},
      { a: null },
      { a: { $ne: 1 } },
      { a: 2.5 },
      { a: 'lone \ud800 surrogate' },
      { a: 'nul \u0000 inside' },
      { 'a.0': 1 },
      { progress: 1 },
      { $or: [{ a: 1 }, { b: { $gt: 1 } }] },
      { $nor: [{ a: 1 }] },
    ] as ReadFilter[])
      expect(sqlPrefilter(filter)).toBeUndefined();
    // One part it can check narrows the whole conjunction.
    expect(sqlPrefilter({ a: 1, b: { $gt: 1 } })?.params).toEqual([1]);
  });
});

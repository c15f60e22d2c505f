import { Query } from 'mingo';
import type { FindOptions, ReadDocument, ReadFilter } from '../read-store.port';
import { evaluateFind, projected } from './evaluate-query';

/** What mingo alone answers: evaluateFind's shortcuts must never change it. */
const byMingo = (documents: ReadDocument[], filter: ReadFilter, options: FindOptions): ReadDocument[] => {
  let cursor = new Query(filter).find<ReadDocument>(documents, options.projection);
  if (options.sort !== undefined) cursor = cursor.sort(options.sort);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all();
};

const cities = ['430100', '430200', '431100'];
const documents: ReadDocument[] = Array.from({ length: 200 }, (_, n) => ({
  _id: `doc-${String((n * 37) % 200).padStart(3, '0')}`,
  city: cities[n % 3]!,
  name: `Name ${(n * 7) % 23}`,
  amount: (n * 13) % 17,
  raisedOn: `2014-0${1 + (n % 9)}-1${n % 10}`,
  ...(n % 5 === 0 ? { optional: n } : {}),
  mixed: n % 4 === 0 ? null : n % 4 === 1 ? 'text' : n,
}));

describe('evaluateFind', () => {
  it.each<[string, ReadFilter, FindOptions]>([
    ['strings then _id', {}, { sort: { raisedOn: 1, _id: 1 } }],
    ['descending number then string then _id', { city: '430100' }, { sort: { amount: -1, name: 1, _id: 1 } }],
    [
      'a page with a projection',
      {},
      { sort: { name: 1, _id: -1 }, skip: 10, limit: 7, projection: { name: 1, city: 1 } },
    ],
    ['a missing value (mingo orders it)', {}, { sort: { optional: 1, _id: 1 } }],
    ['mixed types (mingo orders them)', {}, { sort: { mixed: -1, _id: 1 } }],
    ['no _id last (mingo breaks the ties)', {}, { sort: { city: 1 }, limit: 20 }],
    ['no sort: a filter, a page and a projection', { city: '430200' }, { skip: 3, limit: 9, projection: { name: 1 } }],
    ['no sort, no filter, a projection', {}, { projection: { city: 1, amount: 1, _id: 0 } }],
    ['an exclusion projection', { amount: { $gte: 5 } }, { sort: { _id: -1 }, projection: { raisedOn: 0 } }],
  ])('answers as mingo does: %s', (_name, filter, options) => {
    expect(evaluateFind(documents, filter, options)).toEqual(byMingo(documents, filter, options));
  });
});

describe('evaluateFind, sorting without mingo where it can', () => {
  // A small seeded generator (mulberry32): the same cases in every run.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(20261202);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  /** A value of one key: strings (some equal), or numbers, each possibly missing or null. */
  const valueOf = (kind: 'string' | 'number'): unknown =>
    pick([undefined, null, 'scalar', 'scalar', 'scalar'] as const) === 'scalar'
      ? kind === 'string'
        ? pick(['', 'a', 'b', 'B', '2016-01-01', '2016-1-1', '湖南', 'z'])
        : pick([0, 1, -1, 2.5, 1e9, -3])
      : pick([undefined, null]);
  const generated = (n: number, kinds: Record<string, 'string' | 'number'>): ReadDocument[] =>
    Array.from({ length: n }, (_, i) => {
      const document: ReadDocument = { _id: `id-${Math.floor(next() * 1e6)}-${i}` };
      for (const [field, kind] of Object.entries(kinds)) {
        const value = valueOf(kind);
        if (value !== undefined) document[field] = value as string | number | null;
      }
      return document;
    });

  it('orders strings or numbers with missing values and nulls as mingo does, both directions, 300 cases', () => {
    for (let round = 0; round < 300; round += 1) {
      const kinds = { a: pick(['string', 'number'] as const), b: pick(['string', 'number'] as const) };
      const docs = generated(1 + Math.floor(next() * 40), kinds);
      const sort: FindOptions['sort'] =
        next() < 0.5
          ? { a: pick([1, -1] as const), _id: pick([1, -1] as const) }
          : { a: pick([1, -1] as const), b: pick([1, -1] as const), _id: pick([1, -1] as const) };
      const options: FindOptions = { sort, ...(next() < 0.3 ? { skip: 2, limit: 5 } : {}) };
      expect(evaluateFind(docs, {}, options)).toEqual(byMingo(docs, {}, options));
    }
  });

  it('leaves NaN and mixed types to mingo, and answers as it does with them, or with -0, null and a missing value', () => {
    const odd: ReadDocument[] = [
      { _id: 'a', n: NaN },
      { _id: 'b', n: 0 },
      { _id: 'c', n: -0 },
      { _id: 'd', n: null },
      { _id: 'e', n: -1 },
      { _id: 'f' },
      { _id: 'g', n: '1' },
    ];
    const sorts: NonNullable<FindOptions['sort']>[] = [
      { n: 1, _id: 1 },
      { n: -1, _id: 1 },
    ];
    for (const sort of sorts) {
      expect(evaluateFind(odd, {}, { sort })).toEqual(byMingo(odd, {}, { sort }));
      expect(evaluateFind(odd.slice(0, 6), {}, { sort })).toEqual(byMingo(odd.slice(0, 6), {}, { sort }));
      const numbers = odd.slice(1, 6); // 0, -0, null, -1, missing: sorted without mingo
      expect(evaluateFind(numbers, {}, { sort })).toEqual(byMingo(numbers, {}, { sort }));
      expect(evaluateFind([...numbers].reverse(), {}, { sort })).toEqual(byMingo([...numbers].reverse(), {}, { sort }));
    }
  });

  it('never reads a field a projection excludes, whoever sorts (a series is read from the store when read)', () => {
    const reads: string[] = [];
    const lazy = (id: string, registeredOn: string | null): ReadDocument => {
      const document: ReadDocument = { _id: id, registeredOn, name: `project ${id}` };
      Object.defineProperty(document, 'progress', {
        enumerable: true,
        get: () => {
          reads.push(id);
          return [{ month: '2016-01' }];
        },
      });
      return document;
    };
    const docs = [lazy('p3', '2016-02-01'), lazy('p1', null), lazy('p2', '2015-12-31'), lazy('p4', '2016-02-01')];
    const plain = docs.map(({ _id, registeredOn, name }) => ({ _id, registeredOn, name }));
    const sorts: NonNullable<FindOptions['sort']>[] = [{ registeredOn: 1, _id: 1 }, { registeredOn: -1 }, { name: 1 }];
    for (const sort of sorts) {
      const found = evaluateFind(docs, {}, { sort, projection: { progress: 0 } });
      expect(found).toEqual(byMingo(plain, {}, { sort }));
      expect(found.every((d) => !('progress' in d))).toBe(true);
    }
    expect(reads).toEqual([]);
  });
});

describe('projected', () => {
  const shaped: ReadDocument[] = [
    { _id: 'a', b: 1, a: 2, C: 3, _x: 4, zz: null, arr: [{ q: 1 }], cityName: { en: 'x', zh: 'y' } },
    { _id: 'b', a: 5 },
    { b: 0, _id: 'c', a: [] },
  ];
  it.each([
    { b: 1, a: 1, C: 1, _x: 1 },
    { zz: 1, arr: 1, a: 1 },
    { a: 1, _id: 0, b: 1 },
    { _id: 1, b: 1 },
    { a: 1, missing: 1 },
    { arr: 0, a: 0 },
    { arr: 0, _id: 0 },
    { _id: 0 },
    { 'cityName.en': 1 },
  ] as FindOptions['projection'][])('gives what mingo gives, keys in the same order: %j', (projection) => {
    expect(JSON.stringify(projected(shaped, projection!))).toBe(
      JSON.stringify(new Query({}).find<ReadDocument>(shaped, projection).all()),
    );
  });
});

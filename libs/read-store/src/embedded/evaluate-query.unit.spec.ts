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

import { makeLazy, materialized, splitStored, type LazySeries } from './stored-series';

const progress = Array.from({ length: 40 }, (_, i) => ({ month: `2014-${i}`, amount: `${i}000.00` }));
const document = { _id: 'p-1', name: 'One', progress, stage: 'landed', problems: [], suspensions: [], _position: 9 };

describe('materialized: a lazy document handed out as values', () => {
  const lazyDocument = () => {
    const { body, series } = splitStored(document);
    expect(series).not.toBeNull(); // long enough to be kept apart
    let reads = 0;
    const lazy: LazySeries = {
      collection: 'projects',
      id: 'p-1',
      position: 9,
      read: () => {
        reads += 1;
        return JSON.parse(series!) as Record<string, unknown>;
      },
    };
    return { lazy: Object.freeze(makeLazy(JSON.parse(body) as Record<string, unknown>, lazy)), reads: () => reads };
  };

  it('copies every field in its stored order, the series read once for the three fields', () => {
    const { lazy, reads } = lazyDocument();
    const copy = materialized(lazy);
    expect(reads()).toBe(1);
    expect(Object.keys(copy)).toEqual(Object.keys(document));
    expect(copy).toEqual(document);
    for (const key of Object.keys(copy)) expect(Object.getOwnPropertyDescriptor(copy, key)).toHaveProperty('value');
  });

  it('hands out a document that is not lazy as it is', () => {
    const plain = Object.freeze({ _id: 'p-2', name: 'Two' });
    expect(materialized(plain)).toBe(plain);
  });
});

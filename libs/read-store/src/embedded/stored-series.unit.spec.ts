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

  it('takes from the series only the fields that are getters: a body written whole keeps its own', () => {
    // As a row an older build rewrote: its body whole (progress of February), its series column older (January).
    const body = { _id: 'p-1', progress: [{ month: '2014-02' }], problems: 0 };
    const series = { progress: [{ month: '2014-01' }], problems: [{ problemId: 'pb-1' }] };
    const lazy = makeLazy(structuredClone(body), {
      collection: 'projects',
      id: 'p-1',
      position: 3,
      read: () => series,
    });
    expect(lazy.progress).toEqual([{ month: '2014-02' }]); // what the getters and joinStored give
    expect(materialized(lazy)).toEqual({ _id: 'p-1', progress: [{ month: '2014-02' }], problems: series.problems });
  });

  it('hands out the same frozen copy while the series read for it are the same cached values, a new one after', () => {
    const { body, series } = splitStored(document);
    let cached = Object.freeze(JSON.parse(series!) as Record<string, unknown>); // as the cache keeps them
    const lazyOverCache = () =>
      Object.freeze(
        makeLazy(JSON.parse(body) as Record<string, unknown>, {
          collection: 'projects',
          id: 'p-1',
          position: 9,
          read: () => cached,
        }),
      );
    const lazy = lazyOverCache();
    const first = materialized(lazy);
    expect(Object.isFrozen(first)).toBe(true);
    expect(materialized(lazy)).toBe(first);
    cached = Object.freeze({ ...cached, progress: [{ month: '2015-01', amount: '1.00' }] }); // read again, changed
    const second = materialized(lazy);
    expect(second).not.toBe(first);
    expect(second.progress).toEqual([{ month: '2015-01', amount: '1.00' }]);
    // Another document with the same series values gets a copy of its own.
    const other = lazyOverCache();
    expect(materialized(other)).not.toBe(second);
    expect(materialized(other)).toEqual(second);
  });

  it('makes a new copy each time from series read anew (not kept by a cache)', () => {
    const { lazy } = lazyDocument();
    expect(materialized(lazy)).not.toBe(materialized(lazy));
  });

  it('hands out a document that is not lazy as it is', () => {
    const plain = Object.freeze({ _id: 'p-2', name: 'Two' });
    expect(materialized(plain)).toBe(plain);
  });
});

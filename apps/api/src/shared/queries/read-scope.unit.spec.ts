import type { Principal } from '@itp/platform';
import { ReadScope } from './read-scope';

const key = (cities: Principal['cities']): Principal => ({
  keyId: 'k',
  actor: 'a',
  role: 'reporter',
  unit: 'u',
  cities,
});

describe('a read scope', () => {
  describe('given a province-wide key', () => {
    const scope = ReadScope.of(key('*'));
    it('sees every city, and records without one', () =>
      expect([scope.sees('430400'), scope.sees(null), scope.provinceWide]).toEqual([true, true, true]));
    it('narrows nothing but the city asked for', () =>
      expect([scope.cityCondition(), scope.cityCondition('430400')]).toEqual([undefined, '430400']));
  });

  describe('given a key scoped to Changsha and Zhuzhou', () => {
    const scope = ReadScope.of(key(['430100', '430200']));
    it('sees those cities only, and no record without a city', () =>
      expect([scope.sees('430100'), scope.sees('430400'), scope.sees(null)]).toEqual([true, false, false]));
    it('narrows to its cities, and a city outside them to nothing', () =>
      expect([scope.cityCondition(), scope.cityCondition('430200'), scope.cityCondition('430400')]).toEqual([
        { $in: ['430100', '430200'] },
        '430200',
        { $in: [] },
      ]));
    it('keeps the ids of what it sees', () =>
      expect([
        ...scope.visibleIds([
          { _id: 'a', city: '430100' },
          { _id: 'b', city: '430400' },
        ]),
      ]).toEqual(['a']));
    it('describes itself by its cities', () => expect(scope.description).toEqual(['430100', '430200']));
  });
});

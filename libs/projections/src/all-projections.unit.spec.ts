import { ALL_PROJECTIONS } from './all-projections';
import { physicalCollection } from './projection';

describe('the registered projections', () => {
  it('have unique names and collections, each a valid read-store name', () => {
    expect(new Set(ALL_PROJECTIONS.map((p) => p.name)).size).toBe(ALL_PROJECTIONS.length);
    expect(new Set(ALL_PROJECTIONS.map((p) => p.collection)).size).toBe(ALL_PROJECTIONS.length);
    for (const projection of ALL_PROJECTIONS) expect(physicalCollection(projection)).toMatch(/^[A-Za-z0-9_-]{1,120}$/);
  });
});

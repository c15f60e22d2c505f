import { diffReports, reportSha256 } from './report-diff';

describe('diffReports', () => {
  it('lists only the figures that changed, with their old and new values', () => {
    const before = { year: 2014, counted: 11, met: false, totals: { amount: '10.00', projects: 3 } };
    const after = { year: 2014, counted: 20, met: false, totals: { amount: '12.50', projects: 3 } };
    expect(diffReports(before, after)).toEqual([
      { path: '/counted', old: 11, new: 20 },
      { path: '/totals/amount', old: '10.00', new: '12.50' },
    ]);
  });

  it('follows list items by their identity: an added project is one change, not every row shifted', () => {
    const before = {
      projects: [
        { projectId: 'p-1', amount: 1 },
        { projectId: 'p-3', amount: 3 },
      ],
    };
    const after = {
      projects: [
        { projectId: 'p-1', amount: 1 },
        { projectId: 'p-2', amount: 2 },
        { projectId: 'p-3', amount: 4 },
      ],
    };
    expect(diffReports(before, after)).toEqual([
      { path: '/projects/[projectId=p-3]/amount', old: 3, new: 4 },
      { path: '/projects/[projectId=p-2]', old: undefined, new: { projectId: 'p-2', amount: 2 } },
    ]);
  });

  it('compares lists without identities by index, and says nothing of equal reports', () => {
    expect(diffReports({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual([
      { path: '/a/1', old: 2, new: 3 },
      { path: '/a/2', old: undefined, new: 4 },
    ]);
    expect(diffReports({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it('compares lists of ids as sets: a project that joined is one change, the ids after it did not change', () => {
    const before = { quarter: { projects: 3, projectIds: ['a', 'c', 'd'] } };
    const after = { quarter: { projects: 3, projectIds: ['a', 'b', 'c'] } };
    expect(diffReports(before, after)).toEqual([
      { path: '/quarter/projectIds/[d]', old: 'd', new: undefined },
      { path: '/quarter/projectIds/[b]', old: undefined, new: 'b' },
    ]);
    expect(diffReports({ ids: ['a', 'b'] }, { ids: ['b', 'a'] })).toEqual([]);
  });

  it('hashes the canonical JSON: key order does not matter, a figure does', () => {
    expect(reportSha256({ a: 1, b: [1, 2] })).toBe(reportSha256({ b: [1, 2], a: 1 }));
    expect(reportSha256({ a: 1 })).not.toBe(reportSha256({ a: 2 }));
    expect(reportSha256({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

import type { ProblemDocument } from '@itp/projections';
import { problemAsOf } from './problem-age';

const problem = (raisedOn: string, resolvedOn: string | null): ProblemDocument => ({
  _id: 'p:q',
  problemId: 'q',
  projectId: 'p',
  title: 'Land',
  description: 'd',
  assignedUnit: 'land-bureau',
  raisedOn,
  status: resolvedOn ? 'resolved' : 'open',
  resolvedOn,
  resolution: resolvedOn ? 'done' : null,
  raisedAt: '',
  updatedAt: '',
});

describe('a problem as of a date', () => {
  it('ages an open problem up to the date', () =>
    expect(problemAsOf(problem('2014-04-03', null), '2014-04-20')).toEqual({
      status: 'open',
      resolvedOn: null,
      resolution: null,
      ageDays: 17,
    }));

  it('ages a resolved problem up to its resolution', () =>
    expect(problemAsOf(problem('2014-04-03', '2014-04-10'), '2014-12-31')).toMatchObject({
      status: 'resolved',
      ageDays: 7,
    }));

  it('shows a problem resolved later as still open', () =>
    expect(problemAsOf(problem('2014-04-03', '2014-04-10'), '2014-04-05')).toMatchObject({
      status: 'open',
      resolvedOn: null,
      ageDays: 2,
    }));

  it('does not show a problem raised after the date', () =>
    expect(problemAsOf(problem('2014-04-03', null), '2014-04-02')).toBeNull());
});

import type { ProblemDocument } from '@itp/projections';
import { daysBetween } from '../../shared/queries/calendar';

/** A problem's status on `asOf`: resolved only if resolved by then; null if it was raised after `asOf`. */
export const problemStatusOn = (problem: ProblemDocument, asOf: string): 'open' | 'resolved' | null => {
  if (problem.raisedOn > asOf) return null;
  return problem.resolvedOn !== null && problem.resolvedOn <= asOf ? 'resolved' : 'open';
};

/** Its age in days on `asOf`, given its status then: up to its resolution, or to `asOf` while open. */
export const problemAgeOn = (problem: ProblemDocument, asOf: string, status: 'open' | 'resolved'): number =>
  daysBetween(problem.raisedOn, status === 'resolved' ? problem.resolvedOn! : asOf);

/**
 * A problem as it stood on `asOf`: resolved only if resolved by then, and its age in days up to its
 * resolution or to `asOf`. Problems raised after `asOf` did not exist yet: null.
 */
export const problemAsOf = (problem: ProblemDocument, asOf: string) => {
  const status = problemStatusOn(problem, asOf);
  if (status === null) return null;
  const resolved = status === 'resolved';
  return {
    status,
    resolvedOn: resolved ? problem.resolvedOn : null,
    resolution: resolved ? problem.resolution : null,
    ageDays: problemAgeOn(problem, asOf, status),
  };
};

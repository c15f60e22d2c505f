import type { ProblemDocument } from '@itp/projections';
import { daysBetween } from '../../shared/queries/calendar';

/**
 * A problem as it stood on `asOf`: resolved only if resolved by then, and its age in days up to its
 * resolution or to `asOf`. Problems raised after `asOf` did not exist yet: null.
 */
export const problemAsOf = (problem: ProblemDocument, asOf: string) => {
  if (problem.raisedOn > asOf) return null;
  const resolved = problem.resolvedOn !== null && problem.resolvedOn <= asOf;
  return {
    status: resolved ? ('resolved' as const) : ('open' as const),
    resolvedOn: resolved ? problem.resolvedOn : null,
    resolution: resolved ? problem.resolution : null,
    ageDays: daysBetween(problem.raisedOn, resolved ? problem.resolvedOn! : asOf),
  };
};

import type { Projection } from './projection';
import { exchangeRatesProjection } from './exchange-rates/exchange-rates.projection';
import { investorLibraryProjection } from './investor-library/investor-library.projection';
import { parkLibraryProjection } from './park-library/park-library.projection';
import { problemsProjection } from './problems/problems.projection';
import { projectLibraryProjection } from './project-library/project-library.projection';

/** Every projection the platform runs, in no particular order (each keeps its own checkpoint). */
export const ALL_PROJECTIONS: readonly Projection[] = [
  projectLibraryProjection,
  investorLibraryProjection,
  parkLibraryProjection,
  exchangeRatesProjection,
  problemsProjection,
];

import type { Projection } from './projection';

/** Every projection the platform runs, in no particular order (each keeps its own checkpoint). */
export const ALL_PROJECTIONS: readonly Projection[] = [];

import { ALL_PROJECTIONS } from '@itp/projections';

export const PROJECTION_NAMES = ALL_PROJECTIONS.map((projection) => projection.name);

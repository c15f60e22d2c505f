// The projection machinery, imported as '@itp/projections/runner' (the read models live in the package root).
export * from './projection-runner';
export * from '../shared/projection-status';
export { UnknownProjectionError } from './projection-slot';
export * from '../rebuild/collection-names';

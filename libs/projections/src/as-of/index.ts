export * from './as-of-engine';
export { FrozenReadStore, deepFreeze, type FoldedCollections } from './frozen-read-store';

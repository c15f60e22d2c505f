/**
 * When a catching-up projection commits. Live, every batch commits. Catching up, a projection commits less
 * often, so that a document touched by many events of history is read and written once, not once per
 * batch (the project library rewrites a large document per event otherwise); `documents` bounds the memory.
 */
export interface CatchUpCommit {
  events: number;
  documents: number;
}

// With documents carried over between windows (PendingFold.carryOver), writing is what a window costs: fewer,
// larger windows write each large document fewer times. `npm run bench:projections` measures the rebuild.
export const DEFAULT_CATCH_UP_COMMIT: CatchUpCommit = { events: 400_000, documents: 20_000 };

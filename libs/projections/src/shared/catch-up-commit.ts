/**
 * When a catching-up projection commits. Live, every batch commits. Catching up, a projection commits less
 * often, so that a document touched by many events of history is read and written once, not once per
 * batch (the project library rewrites a large document per event otherwise); `documents` bounds the memory.
 */
export interface CatchUpCommit {
  events: number;
  documents: number;
}

export const DEFAULT_CATCH_UP_COMMIT: CatchUpCommit = { events: 100_000, documents: 10_000 };

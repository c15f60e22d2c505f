import type { SignedCheckpoint } from './checkpoint';
import type { ChainLink } from './global-chain';

/**
 * Where the notary keeps the links it made and the checkpoints it signed. Embedded: `notary.sqlite` in the data
 * directory (SqliteNotaryStore). On the production pair the same two sets belong in MongoDB beside the read
 * models (collections `notary_links`, keyed by seq, and `notary_checkpoints`), behind this same port.
 * The store is not trusted: it lives with the data. Checkpoints are trusted only through their signatures.
 */
export interface NotaryStore {
  /** The last link recorded, or undefined when none is. */
  head(): Promise<ChainLink | undefined>;
  /** Appends links in seq order, continuing the head; a link already recorded with the same seq is left as is. */
  append(links: readonly ChainLink[]): Promise<void>;
  /** Up to `limit` links with seq >= `fromSeq`, in seq order. */
  linksFrom(fromSeq: number, limit: number): Promise<ChainLink[]>;
  /** The last link at or before `position`, or undefined when the chain starts after it. */
  linkAtOrBefore(position: number): Promise<ChainLink | undefined>;
  addCheckpoint(checkpoint: SignedCheckpoint): Promise<void>;
  /** Every checkpoint, oldest first. */
  checkpoints(): Promise<SignedCheckpoint[]>;
  lastCheckpoint(): Promise<SignedCheckpoint | undefined>;
  close(): Promise<void>;
}

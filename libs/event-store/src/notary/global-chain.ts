import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from '../event-store.port';

/**
 * The global chain: one SHA-256 link per event of the whole log, in position order. Where the per-stream chain
 * (hash-chain.ts) covers what an event says (stream, revision, type, data, metadata), a link also covers what the
 * store assigned to it: its place in the log (`seq`, the count of events up to it, and `position`) and its
 * recorded time. So an event deleted, inserted, moved or re-timed anywhere changes every link from there on,
 * even when each stream's own chain still holds. Positions exist only once an event is stored (EventStoreDB
 * assigns them at commit), so the links are made by a notary that follows the log (notary.ts).
 */
export const GENESIS_LINK = '0'.repeat(64);

/** One link as the notary records it. */
export interface ChainLink {
  /** 1 for the first event of the log, then +1 per event: a gap in positions cannot hide a deletion. */
  seq: number;
  position: number;
  recordedAt: string;
  /** Hex SHA-256 of the previous link and of this event's place, time and canonical content. */
  link: string;
}

/** SHA-256 of the RFC 8785 canonical JSON of everything the event says, its id included. */
export function eventDigest(event: RecordedEvent): string {
  const canonical = canonicalize({
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
  if (canonical === undefined) throw new Error(`Event ${event.id} is not serialisable to canonical JSON`);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The link of `event`, the `seq`-th of the log, after `previousLink`. */
export function chainLink(previousLink: string, seq: number, event: RecordedEvent): ChainLink {
  const link = createHash('sha256')
    .update(
      `itp-global-chain-v1\n${previousLink}\n${seq}\n${event.position}\n${event.recordedAt}\n${eventDigest(event)}`,
    )
    .digest('hex');
  return { seq, position: event.position, recordedAt: event.recordedAt, link };
}

/** Where the chain stands before the event of `seq + 1`: the genesis, or a recorded link. */
export interface ChainAnchor {
  seq: number;
  position: number;
  link: string;
}

export const GENESIS_ANCHOR: ChainAnchor = { seq: 0, position: 0, link: GENESIS_LINK };

import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import type { SignedCheckpoint } from './checkpoint';
import { GENESIS_ANCHOR, GENESIS_LINK, type ChainAnchor } from './global-chain';
import { LogVerifier, type ChainVerification } from './log-verifier';
import type { NotaryStore } from './notary-store.port';

export interface TrustedKey {
  publicKey: KeyObject;
  keyId: string;
}

/**
 * The whole log, from its first event: every stream's chain, the global chain against the notary's links, and
 * every checkpoint (the notary's, and `exported` copies kept elsewhere) against the recomputed chain, their
 * signatures checked with `trusted`. Names the first break. Reads the log once, in position order.
 */
export async function verifyLog(options: {
  store: EventStore;
  notary?: NotaryStore;
  trusted?: TrustedKey;
  exported?: readonly SignedCheckpoint[];
}): Promise<ChainVerification> {
  const { store, notary, trusted, exported = [] } = options;
  const checkpoints = [
    ...((await notary?.checkpoints()) ?? []).map((checkpoint) => ({ checkpoint, source: 'notary' as const })),
    ...exported.map((checkpoint) => ({ checkpoint, source: 'exported' as const })),
  ];
  const verifier = new LogVerifier(notary, GENESIS_ANCHOR, checkpoints, trusted);
  for await (const event of store.readAll()) await verifier.check(event);
  return verifier.finish();
}

/**
 * The events after `fromPosition` up to `toPosition` (inclusive; the head when omitted), checked against the
 * notary's links from the link recorded at or before `fromPosition`: what a rebuild calls on each batch before
 * folding it, so that it halts on a break instead of ingesting forged events:
 *
 *   const check = await verifyRange(eventStore, notary, batchFrom, batchTo);
 *   if (!check.valid) throw new Error(`rebuild halted: ${check.firstBreak}`);
 *
 * Streams are checked within the range (a stream's first event in it is taken as its start). Events the notary
 * has not linked yet are counted (`globalChain.unnotarised`), not failed.
 */
export async function verifyRange(
  store: EventStore,
  notary: NotaryStore,
  fromPosition: number,
  toPosition?: number,
  options: { checkpoints?: readonly SignedCheckpoint[]; trusted?: TrustedKey } = {},
): Promise<ChainVerification> {
  const anchor = await anchorAt(notary, fromPosition);
  const verifier = new LogVerifier(
    notary,
    anchor,
    (options.checkpoints ?? []).map((checkpoint) => ({ checkpoint, source: 'notary' as const })),
    options.trusted,
  );
  for await (const event of store.readAll({ fromPosition: anchor.position, toPosition })) await verifier.check(event);
  return verifier.finish(toPosition);
}

/** The recorded link at or before `position` (the genesis before the first one). */
export async function anchorAt(notary: NotaryStore, position: number): Promise<ChainAnchor> {
  if (position <= 0) return GENESIS_ANCHOR;
  const link = await notary.linkAtOrBefore(position);
  return link ? { seq: link.seq, position: link.position, link: link.link } : { ...GENESIS_ANCHOR, link: GENESIS_LINK };
}

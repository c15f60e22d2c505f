import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { GENESIS_HASH, hashEvent } from '../hash-chain/hash-chain';
import type { SignedCheckpoint } from './checkpoint';
import { GENESIS_ANCHOR, GENESIS_LINK, type ChainAnchor } from './global-chain';
import { LogVerifier, type ChainVerification, type StreamBreak } from './log-verifier';
import type { NotaryStore } from './notary-store.port';
import { SqliteNotaryStore } from './sqlite-notary-store';

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

/** Where a rebuild found the log not to hold, as an operator reads it (and the projection's status keeps it). */
export interface RebuildBreak {
  /** The stream and revision whose own chain breaks, when it is a stream's chain that does. */
  streamId?: string;
  revision?: number;
  /** Position of the first event that does not hold (or of the event found missing there). */
  position: number;
  /** The event read at that position, when the batch has one. */
  eventId?: string;
  eventType?: string;
  /** One sentence naming it: stream and revision, or position. */
  description: string;
}

/** How a projection's lastError begins when a rebuild halted on a break (command lines tell it from other failures). */
export const REBUILD_HALTED = 'Rebuild halted on a break of the stored history';

/**
 * Thrown by a rebuild on the first batch whose events do not verify: nothing of that batch was written, and
 * the rebuild must not go on (retrying cannot help: the stored history is broken).
 */
export class RebuildIntegrityError extends Error {
  override readonly name = 'RebuildIntegrityError';
  constructor(
    readonly found: RebuildBreak,
    readonly verification: ChainVerification,
  ) {
    super(`the log does not verify: ${found.description}`);
  }
}

/**
 * Verifies the log as a rebuild reads it from its first event, batch by batch, before the batch is folded:
 * each event's link in its stream's chain (revision, previousHash, hash over its content; memory: the last
 * hash of each stream) and, with the notary's store, the global chain against the links it recorded (a
 * deleted, inserted, moved or re-timed event anywhere). Events beyond the notary's head are not failed (the
 * notary follows the log and may lag). `checkBatch` throws RebuildIntegrityError at the first break.
 */
export class RebuildVerifier {
  /** With the notary's store: streams, global chain and links, as the whole verification checks them. */
  private readonly verifier: LogVerifier | undefined;
  /** Without it: each stream's chain only (one SHA-256 per event instead of two: the global link is not made). */
  private readonly streams = new Map<string, { next: number; lastHash: string }>();
  private events = 0;
  private last: ChainVerification | undefined;

  constructor(readonly notary?: NotaryStore) {
    this.verifier = notary ? new LogVerifier(notary, GENESIS_ANCHOR) : undefined;
  }

  /** Checks the next events of the log (in position order, continuing the previous batch). */
  async checkBatch(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const found = this.verifier ? await this.checkWithNotary(events) : this.checkStreams(events);
    if (found === undefined) return;
    const event = events.find((candidate) => candidate.position === found.position);
    throw new RebuildIntegrityError(
      event
        ? { ...found, eventId: event.id, eventType: event.type, streamId: found.streamId ?? event.streamId }
        : found,
      this.last!,
    );
  }

  /** What was verified so far (events, streams, links compared with the notary's, unnotarised). */
  get verified(): ChainVerification | undefined {
    return this.last;
  }

  private async checkWithNotary(events: readonly RecordedEvent[]): Promise<RebuildBreak | undefined> {
    for (const event of events) await this.verifier!.check(event);
    // Up to the batch's last position: the notary's links beyond it belong to the next batch.
    const verification = await this.verifier!.finish(events[events.length - 1].position);
    this.last = verification;
    return verification.valid ? undefined : rebuildBreak(verification);
  }

  /** The per-stream chain from each stream's first event, as LogVerifier checks it from the genesis. */
  private checkStreams(events: readonly RecordedEvent[]): RebuildBreak | undefined {
    let found: StreamBreak | undefined;
    for (const event of events) {
      const expected = this.streams.get(event.streamId) ?? { next: 0, lastHash: GENESIS_HASH };
      const { hash, previousHash } = event.metadata;
      let reason: string | undefined;
      if (typeof hash !== 'string' || typeof previousHash !== 'string') reason = 'the event carries no chain hash';
      else if (event.revision !== expected.next) reason = `expected revision ${expected.next}, found ${event.revision}`;
      else if (previousHash !== expected.lastHash)
        reason = 'previousHash does not match the hash of the event before it';
      else if (hash !== hashEvent(event, previousHash)) reason = 'hash does not match the event content';
      if (reason) {
        found = {
          streamId: event.streamId,
          revision: event.revision !== expected.next ? expected.next : event.revision,
          position: event.position,
          reason,
        };
        break;
      }
      this.streams.set(event.streamId, { next: event.revision + 1, lastHash: hash as string });
      this.events += 1;
    }
    const through = found?.position ?? events[events.length - 1].position;
    const firstBreak = found
      ? `stream ${found.streamId} breaks at revision ${found.revision} (position ${found.position}): ${found.reason}`
      : undefined;
    this.last = {
      valid: found === undefined,
      checkedAt: new Date().toISOString(),
      scope: 'whole',
      fromPosition: 0,
      throughPosition: through,
      events: this.events + (found ? 1 : 0),
      head: { seq: 0, position: 0, link: '' },
      streams: { checked: this.streams.size, broken: found ? 1 : 0, ...(found ? { firstBreak: found } : {}) },
      globalChain: { notarised: 0, unnotarised: this.events },
      checkpoints: { checked: 0, holding: 0 },
      ...(firstBreak ? { firstBreak } : {}),
    };
    return (
      found && {
        streamId: found.streamId,
        revision: found.revision,
        position: found.position,
        description: firstBreak!,
      }
    );
  }
}

function rebuildBreak(verification: ChainVerification): RebuildBreak {
  const stream = verification.streams.firstBreak;
  const global = verification.globalChain.firstBreak;
  const description = verification.firstBreak ?? 'the log does not verify';
  if (stream && (!global || stream.position <= global.position))
    return { streamId: stream.streamId, revision: stream.revision, position: stream.position, description };
  return { position: global?.position ?? verification.throughPosition, description };
}

/**
 * The notary's store as a rebuild reads it: `notary.sqlite` opened read-only the first time a rebuild asks, when
 * it exists (the api's notary writes it; a projector elsewhere has none, and its rebuilds check streams only).
 */
export class RebuildNotary {
  private store: SqliteNotaryStore | undefined;

  constructor(private readonly filePath: string | undefined) {}

  get notary(): NotaryStore | undefined {
    if (this.store === undefined && this.filePath !== undefined && existsSync(this.filePath))
      this.store = new SqliteNotaryStore(this.filePath, { readonly: true });
    return this.store;
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = undefined;
  }
}

import type { KeyObject } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { GENESIS_HASH, hashEvent } from '../hash-chain/hash-chain';
import { checkpointSignatureProblem, type SignedCheckpoint } from './checkpoint';
import { chainLink, GENESIS_ANCHOR, type ChainAnchor, type ChainLink } from './global-chain';
import type { NotaryStore } from './notary-store.port';

/** The first event of a stream whose own chain does not hold. */
export interface StreamBreak {
  streamId: string;
  revision: number;
  position: number;
  reason: string;
}

/** The first place where the log differs from the links the notary recorded. */
export interface GlobalBreak {
  seq: number;
  position: number;
  reason: string;
}

/** The first signed checkpoint the log no longer matches (or whose signature does not hold). */
export interface CheckpointBreak {
  seq: number;
  position: number;
  signedAt: string;
  source: CheckpointSource;
  reason: string;
}

export type CheckpointSource = 'notary' | 'exported';

export interface ChainVerification {
  valid: boolean;
  checkedAt: string;
  /** 'whole': from the first event; 'range': from an anchor (a checkpoint, or a rebuild's batch). */
  scope: 'whole' | 'range';
  fromPosition: number;
  /** Position of the last event read. */
  throughPosition: number;
  events: number;
  /** The chain as recomputed from the log at its last event read. */
  head: ChainAnchor;
  streams: { checked: number; broken: number; firstBreak?: StreamBreak };
  globalChain: { notarised: number; unnotarised: number; firstBreak?: GlobalBreak };
  checkpoints: {
    checked: number;
    holding: number;
    lastHolding?: { seq: number; position: number; signedAt: string; source: CheckpointSource };
    firstBreak?: CheckpointBreak;
  };
  /** One sentence naming the first break (stream and revision, or position), when there is one. */
  firstBreak?: string;
}

interface WatchedCheckpoint {
  checkpoint: SignedCheckpoint;
  source: CheckpointSource;
}

const NOTARY_PAGE = 1_000;

/**
 * Checks events in position order, one at a time, against three things: each stream's own chain (revision,
 * previousHash, hash), the global chain links the notary recorded, and signed checkpoints. It recomputes the
 * global chain from an anchor (the genesis, or a recorded link), so it can start anywhere: a whole verification,
 * the range since the last checkpoint at start, or each batch of a rebuild (see verifyRange).
 * Only the first break of each kind is kept; checking goes on to the end so that checkpoints can be compared.
 */
export class LogVerifier {
  private chain: ChainAnchor;
  private readonly streams = new Map<string, { next: number; lastHash: string } | 'broken'>();
  private recorded: ChainLink[] = [];
  private recordedIndex = 0;
  private notaryExhausted: boolean;
  private readonly watched: WatchedCheckpoint[];
  private readonly result: Omit<ChainVerification, 'valid' | 'checkedAt' | 'head' | 'firstBreak'>;

  /**
   * @param anchor where the chain stands before the first event to check (its recorded link, trusted).
   * @param streamsFromGenesis true when `anchor` is the genesis: every stream must then start at revision 0.
   */
  constructor(
    private readonly notary: NotaryStore | undefined,
    private readonly anchor: ChainAnchor = GENESIS_ANCHOR,
    checkpoints: readonly WatchedCheckpoint[] = [],
    private readonly trusted?: { publicKey: KeyObject; keyId: string },
  ) {
    this.chain = anchor;
    this.notaryExhausted = notary === undefined;
    this.result = {
      scope: anchor.seq === 0 ? 'whole' : 'range',
      fromPosition: anchor.position,
      throughPosition: anchor.position,
      events: 0,
      streams: { checked: 0, broken: 0 },
      globalChain: { notarised: 0, unnotarised: 0 },
      checkpoints: { checked: 0, holding: 0 },
    };
    this.watched = [];
    for (const watched of [...checkpoints].sort((a, b) => a.checkpoint.seq - b.checkpoint.seq)) {
      if (watched.checkpoint.seq <= anchor.seq) continue;
      const problem = trusted
        ? checkpointSignatureProblem(watched.checkpoint, trusted.publicKey, trusted.keyId)
        : 'no trusted public key to check its signature with';
      if (problem) this.checkpointBroken(watched, problem);
      else this.watched.push(watched);
    }
  }

  async check(event: RecordedEvent): Promise<void> {
    const seq = this.chain.seq + 1;
    this.checkStream(event);
    const link = chainLink(this.chain.link, seq, event);
    await this.compareWithNotary(link, event);
    while (this.watched.length > 0 && this.watched[0].checkpoint.seq === seq) {
      const watched = this.watched.shift()!;
      const { checkpoint } = watched;
      if (checkpoint.position !== event.position || checkpoint.recordedAt !== event.recordedAt)
        this.checkpointBroken(
          watched,
          `the log's event ${seq} is at position ${event.position} recorded at ${event.recordedAt}, the checkpoint signed position ${checkpoint.position} recorded at ${checkpoint.recordedAt}`,
        );
      else if (checkpoint.link !== link.link)
        this.checkpointBroken(
          watched,
          `the log up to position ${checkpoint.position} no longer chains to the signed link: an event at or before it was changed, added or removed since it was signed`,
        );
      else this.checkpointHolds(watched);
    }
    this.chain = { seq, position: event.position, link: link.link };
    this.result.events += 1;
    this.result.throughPosition = event.position;
  }

  /**
   * After the last event: links the notary recorded beyond it (up to `toPosition`, or all) are events missing from
   * the log, and checkpoints beyond it sign events the log no longer has.
   */
  async finish(toPosition?: number): Promise<ChainVerification> {
    const next = await this.nextRecorded();
    if (next && (toPosition === undefined || next.position <= toPosition) && !this.result.globalChain.firstBreak) {
      this.result.globalChain.firstBreak = {
        seq: next.seq,
        position: next.position,
        reason: `the log ends at position ${this.chain.position} (event ${this.chain.seq}), but the notary recorded an event at position ${next.position} (event ${next.seq}): events were removed from the end`,
      };
    }
    for (const watched of this.watched.splice(0)) {
      if (toPosition !== undefined && watched.checkpoint.position > toPosition) continue;
      this.checkpointBroken(
        watched,
        `the log has ${this.chain.seq} events up to position ${this.chain.position}; the checkpoint signed ${watched.checkpoint.seq} up to position ${watched.checkpoint.position}: events were removed`,
      );
    }
    const { streams, globalChain, checkpoints } = this.result;
    const firstBreak = summary(streams.firstBreak, globalChain.firstBreak, checkpoints.firstBreak);
    return {
      valid: firstBreak === undefined,
      checkedAt: new Date().toISOString(),
      ...this.result,
      head: this.chain,
      ...(firstBreak ? { firstBreak } : {}),
    };
  }

  private checkStream(event: RecordedEvent): void {
    const known = this.streams.get(event.streamId);
    if (known === 'broken') return;
    if (known === undefined) this.result.streams.checked += 1;
    const fromGenesis = this.anchor.seq === 0;
    // From an anchor inside the log, a stream's first event seen has a predecessor that was not read.
    const expected = known ?? (fromGenesis ? { next: 0, lastHash: GENESIS_HASH } : undefined);
    const hash = event.metadata.hash;
    const previousHash = event.metadata.previousHash;
    let reason: string | undefined;
    if (typeof hash !== 'string' || typeof previousHash !== 'string') reason = 'the event carries no chain hash';
    else if (expected && event.revision !== expected.next)
      reason = `expected revision ${expected.next}, found ${event.revision}`;
    else if (expected && previousHash !== expected.lastHash)
      reason = 'previousHash does not match the hash of the event before it';
    else if (hash !== hashEvent(event, previousHash)) reason = 'hash does not match the event content';
    if (reason) {
      this.streams.set(event.streamId, 'broken');
      this.result.streams.broken += 1;
      this.result.streams.firstBreak ??= {
        streamId: event.streamId,
        revision: expected && event.revision !== expected.next ? expected.next : event.revision,
        position: event.position,
        reason,
      };
      return;
    }
    this.streams.set(event.streamId, { next: event.revision + 1, lastHash: hash as string });
  }

  private async compareWithNotary(link: ChainLink, event: RecordedEvent): Promise<void> {
    const recorded = await this.nextRecorded();
    if (!recorded) {
      this.result.globalChain.unnotarised += 1;
      return;
    }
    if (recorded.seq !== link.seq) {
      // The notary's own records have a hole: its file was edited. Nothing after it can be compared.
      this.result.globalChain.firstBreak ??= {
        seq: link.seq,
        position: event.position,
        reason: `the notary has no record of event ${link.seq} but records event ${recorded.seq}: its file was edited`,
      };
      this.notaryExhausted = true;
      this.recorded = [];
      this.result.globalChain.unnotarised += 1;
      return;
    }
    this.recordedIndex += 1;
    this.result.globalChain.notarised += 1;
    if (this.result.globalChain.firstBreak) return;
    let reason: string | undefined;
    if (recorded.position < event.position)
      reason = `the event the notary recorded at position ${recorded.position} (event ${link.seq} of the log) is missing: deleted, or moved`;
    else if (recorded.position > event.position)
      reason = `position ${event.position} holds an event the notary never recorded (it recorded position ${recorded.position} as event ${link.seq}): inserted, or moved`;
    else if (recorded.recordedAt !== event.recordedAt)
      reason = `the event at position ${event.position} is recorded at ${event.recordedAt}, the notary recorded ${recorded.recordedAt}: its recorded time was changed, or the event replaced`;
    else if (recorded.link !== link.link)
      reason = `the event at position ${event.position} differs from what the notary recorded: its content was edited, or the event replaced (or inserted)`;
    if (reason) this.result.globalChain.firstBreak = { seq: link.seq, position: event.position, reason };
  }

  private async nextRecorded(): Promise<ChainLink | undefined> {
    if (this.recordedIndex >= this.recorded.length && !this.notaryExhausted) {
      const from = this.anchor.seq + this.result.globalChain.notarised + 1;
      this.recorded = await this.notary!.linksFrom(from, NOTARY_PAGE);
      this.recordedIndex = 0;
      if (this.recorded.length < NOTARY_PAGE) this.notaryExhausted = this.recorded.length === 0;
    }
    return this.recorded[this.recordedIndex];
  }

  private checkpointHolds({ checkpoint, source }: WatchedCheckpoint): void {
    this.result.checkpoints.checked += 1;
    this.result.checkpoints.holding += 1;
    this.result.checkpoints.lastHolding = {
      seq: checkpoint.seq,
      position: checkpoint.position,
      signedAt: checkpoint.signedAt,
      source,
    };
  }

  private checkpointBroken({ checkpoint, source }: WatchedCheckpoint, reason: string): void {
    this.result.checkpoints.checked += 1;
    const candidate = {
      seq: checkpoint.seq,
      position: checkpoint.position,
      signedAt: checkpoint.signedAt,
      source,
      reason,
    };
    const first = this.result.checkpoints.firstBreak;
    if (!first || candidate.seq < first.seq) this.result.checkpoints.firstBreak = candidate;
  }
}

function summary(stream?: StreamBreak, global?: GlobalBreak, checkpoint?: CheckpointBreak): string | undefined {
  if (stream && (!global || stream.position <= global.position))
    return `stream ${stream.streamId} breaks at revision ${stream.revision} (position ${stream.position}): ${stream.reason}`;
  if (global) return `the global chain breaks at position ${global.position} (event ${global.seq}): ${global.reason}`;
  if (checkpoint)
    return `the ${checkpoint.source} checkpoint of event ${checkpoint.seq} (position ${checkpoint.position}, signed ${checkpoint.signedAt}) does not hold: ${checkpoint.reason}`;
  return undefined;
}

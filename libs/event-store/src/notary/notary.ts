import type { EventStore, RecordedEvent } from '../event-store.port';
import { checkpointSignatureProblem, signCheckpoint, type SignedCheckpoint } from './checkpoint';
import { chainLink, GENESIS_ANCHOR, type ChainAnchor, type ChainLink } from './global-chain';
import { LogVerifier, type ChainVerification } from './log-verifier';
import type { NotaryStore } from './notary-store.port';
import type { SigningKey } from './signing-key';
import { verifyLog } from './verify-log';

export interface NotaryLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface NotaryOptions {
  store: EventStore;
  notary: NotaryStore;
  key: SigningKey;
  /** A checkpoint is signed once this many events were linked since the last one... */
  checkpointEveryEvents: number;
  /** ...and every interval when any were (also on stop). */
  checkpointIntervalMs: number;
  /** Once caught up, how long links wait to be recorded together (FLUSH_DELAY_MS by default). */
  flushDelayMs?: number;
  clock?: () => Date;
  logger?: NotaryLogger;
}

const FLUSH_EVERY = 1_000;
/**
 * Once caught up, links are recorded at most this long after they were made, in one transaction: recording each
 * as it came cost a SQLite transaction per command (about an eighth of the api's thread under 16 clients). A
 * link not yet recorded is nothing lost: it is made again from the log at the next start, from the recorded head,
 * and every reader of the links (verification, checkpoints, signing) records the buffer first.
 */
const FLUSH_DELAY_MS = 50;
/** After a failed recording, the next try (the links are kept; the next event or checkpoint also tries). */
const FLUSH_RETRY_MS = 1_000;
/**
 * Linking a backlog (a log the notary has not seen, e.g. the first start of a build with a notary on an old log)
 * is all synchronous reads, hashing and promise callbacks: without a turn of the event loop now and then it would
 * starve everything else, and the api would neither finish starting nor answer until the whole log was linked.
 */
const SLICE_MS = 10;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const silent: NotaryLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export type IntegrityState = 'starting' | 'verified' | 'violated';

/**
 * Follows the log like a projection (subscribeToAll from its last link) and records the global chain's links
 * (global-chain.ts) in its own store; signs checkpoints of the chain's head with the Ed25519 key, every
 * `checkpointEveryEvents` events, every `checkpointIntervalMs` and on stop. At start it verifies, before following,
 * what changed since the last signed checkpoint: bounded work (at most about `checkpointEveryEvents` events plus
 * one interval's worth), not the whole log, so start-up stays short on any log. `verifyWhole` checks everything.
 */
export class Notary {
  private head: ChainAnchor & { recordedAt?: string } = GENESIS_ANCHOR;
  private lastCheckpoint: SignedCheckpoint | undefined;
  private buffer: ChainLink[] = [];
  private caughtUp = false;
  private abort = new AbortController();
  private following: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private working: Promise<unknown> = Promise.resolve();
  private latest: ChainVerification | undefined;
  private state: IntegrityState = 'starting';
  private readonly logger: NotaryLogger;
  private readonly clock: () => Date;

  constructor(private readonly options: NotaryOptions) {
    this.logger = options.logger ?? silent;
    this.clock = options.clock ?? (() => new Date());
  }

  get keyId(): string {
    return this.options.key.keyId;
  }

  /** Verifies since the last signed checkpoint, then follows the log in the background. */
  async start(): Promise<ChainVerification> {
    const { notary, store } = this.options;
    this.lastCheckpoint = await notary.lastCheckpoint();
    const recordedHead = await notary.head();
    if (recordedHead) this.head = recordedHead;
    const verification = await this.verifySinceLastCheckpoint();
    this.record(verification);
    if (!recordedHead) {
      const events = await store.headPosition();
      if (events > 0)
        this.logger.warn(
          `no notary records for a log whose head is at position ${events}: linking it from the beginning; nothing before now is checked against a signed checkpoint`,
        );
    }
    this.following = this.follow();
    this.timer = setInterval(() => void this.serial(() => this.checkpointIfMoved()), this.options.checkpointIntervalMs);
    this.timer.unref();
    return verification;
  }

  /** Stops following, records what was linked and signs a last checkpoint. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.abort.abort();
    await this.following?.catch(() => undefined);
    await this.serial(() => this.checkpointIfMoved());
  }

  /** Waits (bounded) until every event stored now is linked, then signs the head; undefined on an empty log. */
  async checkpointNow(waitMs = 5_000): Promise<SignedCheckpoint | undefined> {
    const target = await this.options.store.headPosition();
    const deadline = Date.now() + waitMs;
    while (this.head.position < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.serial(() => this.checkpoint());
  }

  /** Everything, from the first event: per-stream chains, global chain, all checkpoints (and `exported` ones). */
  async verifyWhole(exported: readonly SignedCheckpoint[] = []): Promise<ChainVerification> {
    await this.serial(() => this.flush());
    const { store, notary, key } = this.options;
    // A posted checkpoint that this platform's key did not sign proves nothing about the log, for or against:
    // the answer names it, but it cannot turn the platform's integrity to 'violated' (any caller could post one).
    const foreign = exported.flatMap((checkpoint) => {
      const reason = checkpointSignatureProblem(checkpoint, key.publicKey, key.keyId);
      return reason === undefined ? [] : [{ checkpoint, reason }];
    });
    const verification = await verifyLog({
      store,
      notary,
      trusted: { publicKey: key.publicKey, keyId: key.keyId },
      exported: exported.filter((checkpoint) => !foreign.some((f) => f.checkpoint === checkpoint)),
    });
    this.record(verification);
    if (foreign.length === 0) return verification;
    this.logger.warn(
      `verification: ${foreign.length} posted checkpoint(s) not signed by this platform's key ${key.keyId} were not taken as evidence`,
    );
    return withForeignCheckpoints(verification, foreign);
  }

  /** The last verification and where the notary stands, for /health. */
  integrity(): {
    state: IntegrityState;
    verification?: ChainVerification;
    head: ChainAnchor;
    lastCheckpoint?: SignedCheckpoint;
  } {
    return { state: this.state, verification: this.latest, head: this.head, lastCheckpoint: this.lastCheckpoint };
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    await this.serial(() => this.flush());
    return this.options.notary.checkpoints();
  }

  private record(verification: ChainVerification): void {
    this.latest = verification;
    this.state = verification.valid ? 'verified' : 'violated';
    if (!verification.valid) this.logger.error(`integrity violation: ${verification.firstBreak}`);
  }

  /**
   * From the last signed checkpoint (its signature checked, and the log's event at it rechained from the link
   * before it) to the notary's recorded head: the events the notary linked since then must still be in the log
   * as linked, and the log must not end before them.
   */
  private async verifySinceLastCheckpoint(): Promise<ChainVerification> {
    const { notary, store, key } = this.options;
    const checkpoint = this.lastCheckpoint;
    let anchor: ChainAnchor = GENESIS_ANCHOR;
    if (checkpoint && checkpoint.seq > 1) {
      const [before] = await notary.linksFrom(checkpoint.seq - 1, 1);
      if (before?.seq === checkpoint.seq - 1)
        anchor = { seq: before.seq, position: before.position, link: before.link };
    }
    const verifier = new LogVerifier(notary, anchor, checkpoint ? [{ checkpoint, source: 'notary' }] : [], {
      publicKey: key.publicKey,
      keyId: key.keyId,
    });
    for await (const event of store.readAll({ fromPosition: anchor.position, toPosition: this.head.position }))
      await verifier.check(event);
    return verifier.finish(this.head.position);
  }

  private async follow(): Promise<void> {
    const { signal } = this.abort;
    for (let delay = 100; !signal.aborted; delay = Math.min(delay * 2, 5_000)) {
      try {
        this.caughtUp = false;
        let slice = performance.now();
        for await (const message of this.options.store.subscribeToAll({ fromPosition: this.head.position, signal })) {
          if (message.kind === 'caught-up') {
            this.caughtUp = true;
            this.flushSoon();
          } else await this.serial(() => this.link(message.event));
          delay = 100;
          if (performance.now() - slice >= SLICE_MS) {
            await nextTurn();
            slice = performance.now();
          }
        }
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`notary: following the log failed (${(error as Error).message}); again in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async link(event: RecordedEvent): Promise<void> {
    if (event.position <= this.head.position) return;
    const link = chainLink(this.head.link, this.head.seq + 1, event);
    this.buffer.push(link);
    this.head = link;
    if (this.buffer.length >= FLUSH_EVERY) await this.flush();
    else if (this.caughtUp) this.flushSoon();
    if (this.head.seq - (this.lastCheckpoint?.seq ?? 0) >= this.options.checkpointEveryEvents) await this.checkpoint();
  }

  /** Records the buffer within the flush delay (one timer at a time; stop() records what is left). */
  private flushSoon(delayMs = this.options.flushDelayMs ?? FLUSH_DELAY_MS): void {
    if (this.flushTimer !== undefined || this.buffer.length === 0 || this.abort.signal.aborted) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.serial(() => this.flush()).catch((error: unknown) => {
        this.logger.warn(`notary: recording links failed (${(error as Error).message}); again in ${FLUSH_RETRY_MS} ms`);
        this.flushSoon(FLUSH_RETRY_MS);
      });
    }, delayMs);
    this.flushTimer.unref();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const links = this.buffer;
    this.buffer = [];
    try {
      await this.options.notary.append(links);
    } catch (error) {
      // Kept for the next flush (links are inserted or ignored by seq): no gap in the recorded chain.
      this.buffer = [...links, ...this.buffer];
      throw error;
    }
  }

  private async checkpointIfMoved(): Promise<void> {
    if (this.head.seq > (this.lastCheckpoint?.seq ?? 0)) await this.checkpoint();
  }

  private async checkpoint(): Promise<SignedCheckpoint | undefined> {
    await this.flush();
    if (this.head.seq === 0) return undefined;
    if (this.lastCheckpoint?.seq === this.head.seq) return this.lastCheckpoint;
    const [head] = await this.options.notary.linksFrom(this.head.seq, 1);
    if (!head || head.seq !== this.head.seq) return undefined;
    const checkpoint = signCheckpoint(head, this.options.key, this.clock());
    await this.options.notary.addCheckpoint(checkpoint);
    this.lastCheckpoint = checkpoint;
    return checkpoint;
  }

  /** Linking, flushing and signing take turns, so that a checkpoint always signs a recorded head. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.working.then(work);
    this.working = result.catch(() => undefined);
    return result;
  }
}

/** The verification's answer with the posted checkpoints no trusted key signed, each a break of its own. */
function withForeignCheckpoints(
  verification: ChainVerification,
  foreign: readonly { checkpoint: SignedCheckpoint; reason: string }[],
): ChainVerification {
  const breaks = [
    ...foreign.map(({ checkpoint, reason }) => ({
      seq: checkpoint.seq,
      position: checkpoint.position,
      signedAt: checkpoint.signedAt,
      source: 'exported' as const,
      reason,
    })),
    ...(verification.checkpoints.firstBreak ? [verification.checkpoints.firstBreak] : []),
  ].sort((a, b) => a.seq - b.seq);
  const first = breaks[0];
  return {
    ...verification,
    valid: false,
    checkpoints: {
      ...verification.checkpoints,
      checked: verification.checkpoints.checked + foreign.length,
      firstBreak: first,
    },
    firstBreak:
      verification.firstBreak ??
      `the exported checkpoint of event ${first.seq} (position ${first.position}, signed ${first.signedAt}) does not hold: ${first.reason}`,
  };
}

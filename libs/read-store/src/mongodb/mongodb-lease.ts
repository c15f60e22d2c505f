import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type MongoClientOptions,
  type UpdateFilter,
  type WithId,
} from 'mongodb';
import { RESERVED_PREFIX } from '../read-store-input';
import { DUPLICATE_KEY } from './mongodb-writes';

/**
 * One active projector per MongoDB: a lease with a fencing token.
 *
 * THE LEASE is one document, `read_store_leases/{ _id: 'projector', holder, token, expiresAt }` (under the read
 * store's reserved prefix, so it is never listed as a read model). A process takes it with one conditional
 * findOneAndUpdate that only matches a released or expired lease and increments `token`: the token is the
 * fencing token, strictly increasing across holders. The holder renews it (same holder AND token) every
 * `renewEveryMs`; a standby polls every `pollEveryMs` and takes it once `expiresAt` has passed. A holder whose
 * renewal finds another holder, or whose write is refused by the fence, has lost it and stops its runner.
 *
 * THE FENCE. A lease alone cannot stop a holder that was paused (SIGSTOP, a long GC, a partition) and wakes up
 * after another process took over: it still believes it is active. So every write that steers the read models
 * carries the holder's token, and the SERVER refuses it when a newer token is stored, in the same
 * single-document operation (MongoDB has no conditions across documents, and FerretDB no transactions):
 *
 * - every checkpoint document and every alias document carries `fence`, the token of the last holder that wrote
 *   it; a fenced write matches only `fence <= myToken` (or no fence yet) and sets `fence` to its token with
 *   `$max`. Checkpoint advances, the checkpoint a rebuild switch sets, alias switches and their removals are such
 *   writes. When the stored fence is newer the filter matches nothing, the upsert then collides on `_id`
 *   (duplicate key), and that refusal is reported as FencedWriteError;
 * - on taking the lease, the new holder first CLAIMS the fence (`claimFence`): every existing checkpoint and alias
 *   document gets its token, and the ones of the projections it runs are created if absent (without a position
 *   or target: absent as far as readers go). From then on no older holder can move, create or remove any of
 *   them. Fenced, a removal keeps the document (it unsets the field) so that the fence survives it;
 * - document writes are not fenced: they are guarded by `_position` (mongodb-writes.ts), so a stale holder can
 *   at most write again, once per document, a state that its events produced, which the `_position` guard
 *   orders with everything else and a replay would write too. After its first refusal (or a renewal that finds
 *   another holder) the stale holder also refuses its own writes client-side, so that is one batch at most;
 * - dropping a collection cannot be conditioned by the server at all. A fenced store reads the lease just before
 *   a drop and refuses unless it still holds it, unexpired. What is left is the round trip between that read
 *   and the drop; and a stale holder only drops collections of its own rebuild or the ones its own fenced switch
 *   replaced.
 *
 * So a stale holder can never move a checkpoint (forwards or backwards) or an alias, and never switch readers to
 * a collection; it can rewrite documents with states it computed from the log, which are idempotent by
 * `_position`. Safety rests on the fence, not on clocks: `expiresAt` is written with the holder's clock and read
 * with the standby's, so clock skew only changes WHEN a standby takes over (early takeovers make the old holder
 * step down at its next renewal), never whether two processes write.
 */

export const LEASES_COLLECTION = `${RESERVED_PREFIX}leases`;
/** The read store's own control collections (mongodb-read-store.ts): what the fence covers. */
const CHECKPOINTS_COLLECTION = `${RESERVED_PREFIX}checkpoints`;
const ALIASES_COLLECTION = `${RESERVED_PREFIX}aliases`;

/** A write of a holder that no longer holds the lease (refused by the server, or known lost). */
export class FencedWriteError extends Error {
  override readonly name = 'FencedWriteError';
  constructor(
    readonly what: string,
    readonly token: number,
    detail: string,
  ) {
    super(`Fenced: ${what} refused for token ${token}: ${detail}`);
  }
}

/** What a MongoReadStore needs to fence its writes (`MongoReadStore.fenceWith`): the holder's current term. */
export interface WriteFence {
  readonly token: number;
  /** Throws FencedWriteError when this holder already knows it lost the lease (a client-side shortcut only). */
  assertHeld(what: string): void;
  /** Reads the lease on the server and throws FencedWriteError unless this term still holds it, unexpired. */
  confirm(what: string): Promise<void>;
  /** The server refused a fenced write: the lease is lost. */
  refused(error: FencedWriteError): void;
}

interface FencedDocument extends Document {
  _id: string;
  fence?: number;
}

const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

const fenceFilter = (fence: WriteFence | undefined, id: string): Filter<FencedDocument> =>
  fence === undefined
    ? { _id: id }
    : { _id: id, $or: [{ fence: { $lte: fence.token } }, { fence: { $exists: false } }] };

const fenceUpdate = (fence: WriteFence | undefined, update: UpdateFilter<Document>): UpdateFilter<FencedDocument> => {
  if (fence === undefined) return update as UpdateFilter<FencedDocument>;
  return {
    ...update,
    $max: { ...(update.$max as Document | undefined), fence: fence.token },
  } as UpdateFilter<FencedDocument>;
};

/**
 * An upsert of one control document (a checkpoint or an alias), fenced when `fence` is given; answers the
 * document as it was before. A duplicate key is retried once: two first upserts can race on the `_id` (the loser
 * then finds the document). A second one, fenced, means the document carries a newer holder's token.
 */
export async function controlUpsert<T extends Document>(
  collection: Collection<T>,
  fence: WriteFence | undefined,
  id: string,
  update: UpdateFilter<Document>,
): Promise<WithId<T> | null> {
  const what = `${collection.collectionName}/${id}`;
  fence?.assertHeld(what);
  const fenced = collection as unknown as Collection<FencedDocument>;
  const write = async () =>
    (await fenced.findOneAndUpdate(fenceFilter(fence, id), fenceUpdate(fence, update), {
      upsert: true,
      returnDocument: 'before',
    })) as WithId<T> | null;
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error) || fence === undefined) throw error;
    const stored = await fenced.findOne({ _id: id });
    const refusal = new FencedWriteError(what, fence.token, `the server holds fence ${String(stored?.fence)}`);
    fence.refused(refusal);
    throw refusal;
  }
}

/** Removes a control document; fenced, it keeps the document and its fence and only unsets `field`. */
export async function controlRemove<T extends Document>(
  collection: Collection<T>,
  fence: WriteFence | undefined,
  id: string,
  field: string,
): Promise<void> {
  if (fence === undefined) {
    await collection.deleteOne({ _id: id } as unknown as Filter<T>);
    return;
  }
  await controlUpsert(collection, fence, id, { $unset: { [field]: '' } });
}

/** The control documents a projector runs on: checkpoint keys and alias names (created if absent at a claim). */
export interface FencedIds {
  checkpoints: readonly string[];
  aliases: readonly string[];
}

/**
 * Puts `token` on every checkpoint and alias document (creating those of `ids` that are absent), so that no
 * holder with an older token can write any of them from now on. Throws FencedWriteError when a newer token is
 * already there (this holder was superseded before it even started).
 */
export async function claimFence(db: Db, token: number, ids: FencedIds): Promise<void> {
  const groups: [string, readonly string[]][] = [
    [CHECKPOINTS_COLLECTION, ids.checkpoints],
    [ALIASES_COLLECTION, ids.aliases],
  ];
  for (const [name, required] of groups) {
    const collection = db.collection<FencedDocument>(name);
    const existing = (await collection.find({}, { projection: { _id: 1 } }).toArray()).map((document) => document._id);
    // One document per command: FerretDB 1.x holds a connection per matched document (mongodb-writes.ts).
    for (const id of new Set([...existing, ...required])) {
      try {
        await collection.updateOne({ _id: id }, { $max: { fence: token } }, { upsert: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await collection.updateOne({ _id: id }, { $max: { fence: token } }, { upsert: true });
      }
    }
    const newer = await collection.findOne({ fence: { $gt: token } });
    if (newer !== null)
      throw new FencedWriteError(`claim of ${name}`, token, `${newer._id} holds fence ${String(newer.fence)}`);
  }
}

/** The highest fence on any control document (0 when none): a lease created anew starts above it. */
async function highestFence(db: Db): Promise<number> {
  let highest = 0;
  for (const name of [CHECKPOINTS_COLLECTION, ALIASES_COLLECTION]) {
    const [top] = await db
      .collection<FencedDocument>(name)
      .find({ fence: { $exists: true } })
      .sort({ fence: -1 })
      .limit(1)
      .toArray();
    highest = Math.max(highest, top?.fence ?? 0);
  }
  return highest;
}

export interface LeaseDocument {
  _id: string;
  /** null once released. */
  holder: string | null;
  token: number;
  expiresAt: Date;
  acquiredAt?: Date;
  renewedAt?: Date;
}

export interface MongoLeaseOptions {
  uri: string;
  dbName: string;
  clientOptions?: MongoClientOptions;
  /** The lease's `_id` (default `projector`). */
  name?: string;
  /** Who this process is, in the lease and the logs (default `<host>:<pid>:<random>`, unique per start). */
  holder?: string;
  /** How long a lease lasts without renewal. */
  ttlMs: number;
  /** How often the holder renews (well under `ttlMs`). */
  renewEveryMs: number;
  /** How often a standby looks whether the lease expired. */
  pollEveryMs: number;
}

export type AcquireAttempt = { acquired: true; term: LeaseTerm } | { acquired: false; current: LeaseDocument | null };

/** One holder's tenure: its fencing token; `whenLost` resolves (with the reason) when it ends other than by release. */
export class LeaseTerm implements WriteFence {
  lost: string | undefined;
  readonly whenLost: Promise<string>;
  /** The end of the lease as this holder last wrote it (its own clock). */
  expiresAt: number;
  renewal: NodeJS.Timeout | undefined;
  private resolveLost!: (reason: string) => void;

  constructor(
    private readonly lease: MongoLease,
    readonly token: number,
    expiresAt: number,
  ) {
    this.expiresAt = expiresAt;
    this.whenLost = new Promise((resolve) => (this.resolveLost = resolve));
  }

  lose(reason: string): void {
    if (this.lost !== undefined) return;
    this.lost = reason;
    clearInterval(this.renewal);
    this.resolveLost(reason);
  }

  assertHeld(what: string): void {
    if (this.lost !== undefined) throw new FencedWriteError(what, this.token, `the lease was lost: ${this.lost}`);
  }

  async confirm(what: string): Promise<void> {
    this.assertHeld(what);
    const current = await this.lease.current();
    if (
      current?.holder !== this.lease.holder ||
      current.token !== this.token ||
      current.expiresAt.getTime() <= Date.now()
    ) {
      const error = new FencedWriteError(
        what,
        this.token,
        `the lease is ${current === null ? 'absent' : `held by ${String(current.holder)} with token ${current.token} until ${current.expiresAt.toISOString()}`}`,
      );
      this.refused(error);
      throw error;
    }
  }

  refused(error: FencedWriteError): void {
    this.lose(error.message);
  }
}

/** The projector lease (see the header of this file). */
export class MongoLease {
  readonly holder: string;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly name: string;

  constructor(private readonly options: MongoLeaseOptions) {
    if (!(options.renewEveryMs > 0 && options.renewEveryMs < options.ttlMs))
      throw new Error(
        `The lease renewal (${options.renewEveryMs} ms) must be shorter than its ttl (${options.ttlMs} ms)`,
      );
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.name = options.name ?? 'projector';
    this.client = new MongoClient(options.uri, { serverSelectionTimeoutMS: 5_000, ...options.clientOptions });
    this.db = this.client.db(options.dbName);
  }

  private leases(): Collection<LeaseDocument> {
    return this.db.collection<LeaseDocument>(LEASES_COLLECTION);
  }

  async current(): Promise<LeaseDocument | null> {
    return this.leases().findOne({ _id: this.name });
  }

  /** One attempt: takes the lease if it is free or expired (then claims the fence for `ids`), else says who holds it. */
  async tryAcquire(ids: FencedIds): Promise<AcquireAttempt> {
    const now = Date.now();
    const expiresAt = now + this.options.ttlMs;
    const set = {
      holder: this.holder,
      expiresAt: new Date(expiresAt),
      acquiredAt: new Date(now),
      renewedAt: new Date(now),
    };
    let token: number | undefined = (
      await this.leases().findOneAndUpdate(
        { _id: this.name, $or: [{ holder: null }, { expiresAt: { $lte: new Date(now) } }] },
        { $set: set, $inc: { token: 1 } },
        { returnDocument: 'after' },
      )
    )?.token;
    if (token === undefined) {
      const current = await this.current();
      if (current !== null) return { acquired: false, current };
      // The first lease on this database (or one deleted by hand): its tokens start above every fence in place.
      try {
        token = (await highestFence(this.db)) + 1;
        await this.leases().insertOne({ _id: this.name, token, ...set });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return { acquired: false, current: await this.current() };
      }
    }
    const term = new LeaseTerm(this, token, expiresAt);
    try {
      await claimFence(this.db, token, ids);
    } catch (error) {
      if (!(error instanceof FencedWriteError)) throw error;
      term.lose(error.message);
      return { acquired: false, current: await this.current() };
    }
    term.renewal = setInterval(() => void this.renew(term), this.options.renewEveryMs);
    return { acquired: true, term };
  }

  /**
   * Polls until the lease is taken (answers the term) or `signal` aborts (answers undefined). `onStandby` hears
   * who holds it whenever that changes.
   */
  async acquire(
    ids: FencedIds,
    signal: AbortSignal,
    onStandby: (current: LeaseDocument | null) => void = () => undefined,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<LeaseTerm | undefined> {
    let seen: string | undefined;
    while (!signal.aborted) {
      try {
        const attempt = await this.tryAcquire(ids);
        if (attempt.acquired) return attempt.term;
        const who = `${String(attempt.current?.holder)}#${String(attempt.current?.token)}`;
        if (who !== seen) onStandby(attempt.current);
        seen = who;
      } catch (error) {
        onError(error);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        const timer = setTimeout(wake, this.options.pollEveryMs);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    return undefined;
  }

  /** Renews `term`; a lease held by another holder or token ends it; so does failing to renew until it expired. */
  async renew(term: LeaseTerm): Promise<boolean> {
    if (term.lost !== undefined) return false;
    const now = Date.now();
    try {
      const renewed = await this.leases().findOneAndUpdate(
        { _id: this.name, holder: this.holder, token: term.token },
        { $set: { expiresAt: new Date(now + this.options.ttlMs), renewedAt: new Date(now) } },
        { returnDocument: 'after' },
      );
      if (renewed === null) {
        const current = await this.current();
        term.lose(`superseded: the lease is held by ${String(current?.holder)} with token ${String(current?.token)}`);
        return false;
      }
      term.expiresAt = now + this.options.ttlMs;
      return true;
    } catch (error) {
      if (Date.now() >= term.expiresAt)
        term.lose(
          `could not renew the lease before it expired: ${error instanceof Error ? error.message : String(error)}`,
        );
      return false;
    }
  }

  /** Gives the lease up (a standby takes it at its next poll); the term ends without being "lost". */
  async release(term: LeaseTerm): Promise<void> {
    clearInterval(term.renewal);
    if (term.lost !== undefined) return;
    term.lost = 'released';
    await this.leases().updateOne(
      { _id: this.name, holder: this.holder, token: term.token },
      { $set: { holder: null, expiresAt: new Date(0) } },
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** The checkpoint keys and alias names of a set of projections, for `claimFence`. */
export const fencedIdsOf = (
  projections: readonly { name: string; collection: string }[],
  rebuildKey: (projection: { name: string }) => string,
): FencedIds => ({
  checkpoints: projections.flatMap((projection) => [projection.name, rebuildKey(projection)]),
  aliases: projections.map((projection) => projection.collection),
});

import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { FencedWriteError, LEASES_COLLECTION, MongoLease, type LeaseTerm, type WriteFence } from './mongodb-lease';
import { MongoReadStore } from './mongodb-read-store';
import { mongoReadStoreOptionsFromEnv } from './mongodb-read-store-options';

/**
 * The projector lease and its fence on a real server (FerretDB in CI). The stale holder here is a store fenced
 * with an OLD token that does not know it lost the lease (its client-side check is switched off), so every
 * refusal below comes from the server's conditional write, not from the client.
 */
const options = mongoReadStoreOptionsFromEnv();

if (options === undefined) {
  process.stderr.write(
    [
      '',
      '############################################################################',
      '##  MongoDB projector lease and fence SKIPPED: MONGODB_URI is not set.    ##',
      '##  Run scripts/ferretdb/start-ferretdb.sh and set the variables it prints.##',
      '############################################################################',
      '',
    ].join('\n') + '\n',
  );
}

const ids = { checkpoints: ['p', 'p#rebuild'], aliases: ['things'] };

/** A holder paused since it held `token`: it still believes it holds the lease, so only the server can stop it. */
const paused = (token: number, refusals: FencedWriteError[]): WriteFence => ({
  token,
  assertHeld: () => undefined,
  confirm: async () => undefined,
  refused: (error) => refusals.push(error),
});

(options ? describe : describe.skip)('projector lease and fence on MongoDB (MONGODB_URI)', () => {
  jest.setTimeout(60_000);
  let dbName: string;
  const opened: { close(): Promise<void> }[] = [];
  const terms: LeaseTerm[] = [];
  const lease = (ttlMs = 60_000, holder?: string) => {
    const made = new MongoLease({ ...options!, dbName, ttlMs, renewEveryMs: ttlMs / 3, pollEveryMs: 50, holder });
    opened.push(made);
    return made;
  };
  const store = () => {
    const made = new MongoReadStore({ ...options!, dbName });
    opened.push(made);
    return made;
  };
  const acquired = async (from: MongoLease): Promise<LeaseTerm> => {
    const attempt = await from.tryAcquire(ids);
    if (!attempt.acquired) throw new Error(`not acquired: ${JSON.stringify(attempt.current)}`);
    terms.push(attempt.term);
    return attempt.term;
  };

  /** Forces the lease's expiry into the past, as time would (no sleep racing a loaded machine). */
  const expireLease = async (): Promise<void> => {
    const client = await MongoClient.connect(options!.uri);
    await client
      .db(dbName)
      .collection(LEASES_COLLECTION)
      .updateOne({ _id: 'projector' as never }, { $set: { expiresAt: new Date(0) } });
    await client.close();
  };

  beforeEach(() => {
    dbName = `${options!.dbName}_lease_${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    for (const term of terms.splice(0)) clearInterval(term.renewal);
    for (const closable of opened.splice(0)) await closable.close();
    const client = await MongoClient.connect(options!.uri);
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  // Every lease below whose refusal is asserted lives far longer than any pause of a loaded CI machine (a 600 ms
  // ttl once ran out while the second client was still connecting); expiry by time has a test of its own.
  it('one holder at a time: a second process is refused while the lease runs, then takes it with a higher token once it expired', async () => {
    const first = lease(60_000, 'first');
    const second = lease(60_000, 'second');
    const term = await acquired(first);
    clearInterval(term.renewal); // the first holder stops renewing (as if paused)
    const refused = await second.tryAcquire(ids);
    expect(refused).toMatchObject({ acquired: false, current: { holder: 'first', token: term.token } });

    await expireLease();
    const next = await acquired(second);
    expect(next.token).toBe(term.token + 1);
    // The first holder wakes up: its renewal finds the new holder and it steps down.
    expect(await first.renew(term)).toBe(false);
    expect(term.lost).toMatch(/superseded: the lease is held by second/);
    await expect(term.whenLost).resolves.toMatch(/superseded/);
    expect(() => term.assertHeld('anything')).toThrow(FencedWriteError);
  });

  it('a lease expires by time: once its ttl has passed without renewal, a standby takes it', async () => {
    const first = lease(300, 'first');
    const second = lease(300, 'second');
    await second.current(); // connected before the clock starts
    const term = await acquired(first);
    clearInterval(term.renewal);
    const waitMs = term.expiresAt - Date.now() + 100;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const next = await acquired(second);
    expect(next.token).toBe(term.token + 1);
    expect(await first.renew(term)).toBe(false);
    expect(term.lost).toMatch(/superseded: the lease is held by second/);
  });

  it('a released lease is taken at once; renewals keep it past its ttl', async () => {
    const first = lease(1_500, 'first');
    const second = lease(1_500, 'second');
    await second.current();
    const term = await acquired(first);
    clearInterval(term.renewal); // renewed by hand below
    const started = Date.now();
    while (Date.now() - started < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await first.renew(term)).toBe(true);
    }
    expect((await second.tryAcquire(ids)).acquired).toBe(false);
    await first.release(term);
    const next = await acquired(second);
    expect(next.token).toBe(term.token + 1);
  });

  it('the server refuses every checkpoint and alias write of a stale holder; its document writes stay idempotent', async () => {
    const first = lease(60_000, 'first');
    const term = await acquired(first);
    const stale = store();
    const refusals: FencedWriteError[] = [];
    stale.fenceWith(paused(term.token, refusals));
    await stale.switchAlias('things', 'things_v1', { checkpoint: { projection: 'p', position: 0 } });
    await stale.applyBatch({
      writes: [{ kind: 'upsert', collection: 'things', position: 10, document: { _id: 'a', n: 1 } }],
      checkpoint: { projection: 'p', position: 10 },
    });
    expect(await stale.getCheckpoint('p')).toBe(10);

    // Another process takes over (the lease is forced free here, as expiry would) and claims the fence.
    await expireLease();
    const second = lease(60_000, 'second');
    const next = await acquired(second);
    const active = store();
    active.fenceWith(next);
    await active.applyBatch({
      writes: [{ kind: 'upsert', collection: 'things', position: 20, document: { _id: 'a', n: 2 } }],
      checkpoint: { projection: 'p', position: 20 },
    });

    // The stale holder wakes up with a batch it folded before: documents go through the _position guard...
    await expect(
      stale.applyBatch({
        writes: [
          { kind: 'upsert', collection: 'things', position: 15, document: { _id: 'a', n: 99 } },
          { kind: 'upsert', collection: 'things', position: 25, document: { _id: 'b', n: 1 } },
        ],
        checkpoint: { projection: 'p', position: 25 },
      }),
    ).rejects.toThrow(FencedWriteError);
    expect(await active.collection('things').findOne({ _id: 'a' })).toMatchObject({ n: 2, _position: 20 });
    // ...but no checkpoint moves, forwards or backwards, and no alias either.
    expect(await active.getCheckpoint('p')).toBe(20);
    await expect(
      stale.switchAlias('things', 'things_v1_rebuild_1', { checkpoint: { projection: 'p', position: 5 } }),
    ).rejects.toThrow(FencedWriteError);
    expect(await active.resolveAlias('things')).toBe('things_v1');
    expect(await active.getCheckpoint('p')).toBe(20);
    // A checkpoint the new holder has not written yet (a rebuild's) was claimed too: the stale one cannot create it.
    await expect(
      stale.applyBatch({ writes: [], checkpoint: { projection: 'p#rebuild', position: 7 } }),
    ).rejects.toThrow(FencedWriteError);
    expect(await active.getCheckpoint('p#rebuild')).toBe(0);
    await expect(stale.deleteCheckpoint('p')).rejects.toThrow(FencedWriteError);
    await expect(stale.removeAlias('things')).rejects.toThrow(FencedWriteError);
    expect(await active.getCheckpoint('p')).toBe(20);
    expect(await active.resolveAlias('things')).toBe('things_v1');
    expect(refusals.length).toBe(5);
    expect(refusals[0].message).toMatch(/fence/);

    // The active holder goes on as usual; its removals keep the fence (and read as absent).
    await active.applyBatch({ writes: [], checkpoint: { projection: 'p#rebuild', position: 30 } });
    await active.deleteCheckpoint('p#rebuild');
    expect(await active.getCheckpoint('p#rebuild')).toBe(0);
    await expect(
      stale.applyBatch({ writes: [], checkpoint: { projection: 'p#rebuild', position: 31 } }),
    ).rejects.toThrow(FencedWriteError);
    expect(await active.getCheckpoint('p#rebuild')).toBe(0);
  });

  it('a fenced store reads the lease before dropping a collection, and refuses its own writes once it knows it lost', async () => {
    const first = lease(60_000, 'first');
    const term = await acquired(first);
    const fenced = store();
    fenced.fenceWith(term);
    await fenced.applyBatch({
      writes: [{ kind: 'upsert', collection: 'garbage', position: 1, document: { _id: 'x' } }],
    });
    await fenced.dropCollection('garbage'); // still the holder: allowed
    await fenced.applyBatch({
      writes: [{ kind: 'upsert', collection: 'garbage', position: 2, document: { _id: 'x' } }],
    });
    clearInterval(term.renewal); // paused: no renewal, and it does not know yet
    await expireLease();
    const next = await acquired(lease(60_000, 'second'));
    expect(next.token).toBe(term.token + 1);
    // A drop cannot be conditioned by the server: the lease read just before it says who holds it now.
    await expect(fenced.dropCollection('garbage')).rejects.toThrow(/held by second/);
    expect(await fenced.collection('garbage').count()).toBe(1);
    expect(term.lost).toMatch(/held by second/);
    await expect(
      fenced.applyBatch({ writes: [{ kind: 'upsert', collection: 'garbage', position: 3, document: { _id: 'y' } }] }),
    ).rejects.toThrow(FencedWriteError);
    expect(await fenced.collection('garbage').count()).toBe(1);
  });

  it('a lease document deleted by hand starts again above every fence in place', async () => {
    const first = lease(60_000, 'first');
    const term = await acquired(first);
    await first.release(term);
    const client = await MongoClient.connect(options!.uri);
    await client
      .db(dbName)
      .collection(LEASES_COLLECTION)
      .deleteOne({ _id: 'projector' as never });
    await client.close();
    const next = await acquired(lease(60_000, 'second'));
    expect(next.token).toBe(term.token + 1);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { DOMAIN_EVENTS } from '@itp/domain';
import { chainMetadata, EventStoreDbEventStore, GENESIS_HASH, type EventStore } from '@itp/event-store';
import { ALL_PROJECTIONS } from '@itp/projections';
import { ProjectionRunner } from '@itp/projections/runner';
import { simulateProvince, type SimulatedAppend } from '@itp/projections/simulation/province-simulator';
import { EmbeddedReadStore, MongoReadStore, type ReadStore } from '@itp/read-store';
import { FencedWriteError, LEASES_COLLECTION } from '@itp/read-store/mongodb/mongodb-lease';
import { EventStoreDbStandIn } from '../../tools/eventstoredb-standin/standin';
import { ensureBuilt, startItp, stopAll, type ItpProcess } from './processes';

/**
 * Two projector PROCESSES on one MongoDB (FerretDB in CI) and one event store (the EventStoreDB wire stand-in,
 * started here): one holds the lease and writes, the other stands by. The active one is frozen (SIGSTOP); the
 * standby takes over once the lease expires and goes on folding; the frozen one is thawed (SIGCONT) and steps
 * down, its writes refused by the fence. Throughout, no checkpoint ever goes back, and at the end the documents
 * equal a fresh rebuild of the same log. Skipped, loudly, without MONGODB_URI.
 */
const uri = process.env.MONGODB_URI?.trim();

if (!uri) {
  process.stderr.write(
    [
      '',
      '#'.repeat(80),
      '##  Projector lease across processes SKIPPED: MONGODB_URI is not set (scripts/ferretdb/start-ferretdb.sh).',
      '#'.repeat(80),
      '',
    ].join('\n') + '\n',
  );
}

const TTL_MS = 1500;
const metadata = {
  actor: 'spec',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

const snapshot = async (store: ReadStore) =>
  Object.fromEntries(
    await Promise.all(
      ALL_PROJECTIONS.map(
        async (p) => [p.name, await store.collection(p.collection).find({}, { sort: { _id: 1 } })] as const,
      ),
    ),
  );

(uri ? describe : describe.skip)('one active projector: the MongoDB lease with fencing, across processes', () => {
  jest.setTimeout(180_000);
  const dbName = `${process.env.MONGODB_DB?.trim() || 'itp_test'}_lease_${randomUUID().slice(0, 8)}`;
  let standIn: EventStoreDbStandIn;
  let eventStore: EventStore;
  let mongo: MongoClient;
  let dataDir: string;
  let history: SimulatedAppend[];
  /** Ends the test's background watch of the checkpoints (and waits for its last read). */
  let stopWatching = async (): Promise<void> => undefined;

  beforeAll(async () => {
    ensureBuilt();
    standIn = await EventStoreDbStandIn.create();
    eventStore = new EventStoreDbEventStore(standIn.connectionString);
    mongo = await MongoClient.connect(uri!);
    dataDir = mkdtempSync(join(tmpdir(), 'itp-lease-'));
    history = [...simulateProvince({ projects: 8, seed: 20145, months: 18 })];
  });

  afterAll(async () => {
    await stopWatching();
    await stopAll();
    await eventStore?.close();
    await standIn?.close();
    await mongo?.db(dbName).dropDatabase();
    await mongo?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Appends the next `count` simulated commands' events, each stream hash-chained as the command side chains it
   * (EventSourcedCommandExecutor: chainMetadata over the stream's last stored revision and hash, appended at that
   * expected revision): the projectors verify their first fold of the empty database, and halt on an unchained
   * event. Answers the head.
   */
  let appended = 0;
  const append = async (count: number): Promise<number> => {
    for (const { streamId, events } of history.slice(appended, appended + count)) {
      const [last] = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      let revision = last?.revision ?? -1;
      let previousHash = last === undefined ? GENESIS_HASH : (last.metadata.hash as string);
      const chained = events.map(({ type, data }) => {
        revision += 1;
        const chainedMetadata = chainMetadata(
          {
            streamId,
            revision,
            type,
            data,
            metadata: { ...metadata, schemaVersion: DOMAIN_EVENTS.schemaVersion(type) },
          },
          previousHash,
        );
        previousHash = chainedMetadata.hash as string;
        return { id: randomUUID(), type, data, metadata: chainedMetadata };
      });
      await eventStore.appendToStream(streamId, chained, {
        expectedRevision: last === undefined ? 'no_stream' : last.revision,
      });
    }
    appended += count;
    return eventStore.headPosition();
  };

  const projector = (): ItpProcess =>
    startItp('projector', {
      EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
      MONGODB_URI: uri!,
      MONGODB_DB: dbName,
      ITP_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ITP_PROJECTOR_LEASE_TTL_MS: String(TTL_MS),
      ITP_PROJECTOR_LEASE_RENEW_MS: '300',
      ITP_PROJECTOR_LEASE_POLL_MS: '200',
    });

  const checkpoints = async (): Promise<Map<string, number>> => {
    const found = await mongo
      .db(dbName)
      .collection<{ _id: string; position?: number }>('read_store_checkpoints')
      .find()
      .toArray();
    return new Map(found.map((document) => [document._id, document.position ?? 0]));
  };
  const lease = () =>
    mongo
      .db(dbName)
      .collection<{ _id: string; holder: string | null; token: number }>(LEASES_COLLECTION)
      .findOne({ _id: 'projector' });

  const allAt = async (position: number, timeoutMs = 30_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const now = await checkpoints();
      if (ALL_PROJECTIONS.every((p) => (now.get(p.name) ?? 0) >= position)) return;
      if (Date.now() > until) throw new Error(`checkpoints ${JSON.stringify([...now])} not at ${position}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('the standby takes over from a frozen holder, which is fenced off when it wakes and steps down', async () => {
    // Every checkpoint, every 20 ms, from the first write to the end: none may ever go back.
    // It stops with the test, passed or failed (afterAll, before the client closes): a read left running on a closed
    // client rejected with no one to catch it and brought the whole jest run down after a failure.
    const regressions: string[] = [];
    const seen = new Map<string, number>();
    let watching = true;
    const watched = (async () => {
      while (watching) {
        for (const [name, position] of await checkpoints()) {
          if (position < (seen.get(name) ?? 0)) regressions.push(`${name}: ${seen.get(name)} -> ${position}`);
          seen.set(name, Math.max(position, seen.get(name) ?? 0));
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const watcher = watched.catch((error: unknown) => {
      if (watching) regressions.push(`the watcher failed: ${String(error)}`);
    });
    stopWatching = async () => {
      watching = false;
      await watcher;
    };

    const quarter = Math.floor(history.length / 4);
    const firstHead = await append(quarter);
    const first = projector();
    await first.waitForOutput(/Active: .* holds the projector lease with fencing token \d+/);
    const firstToken = Number(/fencing token (\d+)/.exec(first.stdout())![1]);
    const second = projector();
    await second.waitForOutput(/Standby: the projector lease is held by/);
    await allAt(firstHead);

    // Freeze the active projector while it folds a burst (most likely with a batch in flight); the log goes on.
    const secondHead = await append(quarter);
    process.kill(first.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    await second.waitForOutput(new RegExp(`Active: .* holds the projector lease with fencing token ${firstToken + 1}`));
    const tookOverAfterMs = Date.now() - frozenAt;
    await allAt(secondHead);
    expect(await lease()).toMatchObject({ token: firstToken + 1, holder: expect.stringContaining(`:${second.pid}:`) });

    // More events while it is still frozen: they wait in its subscription's socket, for a batch it will try.
    const thirdHead = await append(quarter);
    await allAt(thirdHead);
    process.kill(first.pid, 'SIGCONT');
    await first.waitForOutput(/Lost the projector lease .*standing by/);
    await first.waitForOutput(/Standby: the projector lease is held by .* \(token \d+\)/);

    // What the thawed holder would write had it not learned yet: every checkpoint and alias write with its token is
    // refused by the server (the claim of the new holder's process put a newer fence on all of them).
    const stale = new MongoReadStore({ uri: uri!, dbName });
    const refusals: FencedWriteError[] = [];
    stale.fenceWith({
      token: firstToken,
      assertHeld: () => undefined,
      confirm: async () => undefined,
      refused: (error) => refusals.push(error),
    });
    try {
      for (const projection of ALL_PROJECTIONS) {
        const before = (await checkpoints()).get(projection.name);
        await expect(
          stale.applyBatch({ writes: [], checkpoint: { projection: projection.name, position: thirdHead * 2 } }),
        ).rejects.toThrow(FencedWriteError);
        await expect(
          stale.switchAlias(projection.collection, `${projection.collection}_v99`, {
            checkpoint: { projection: projection.name, position: 1 },
          }),
        ).rejects.toThrow(FencedWriteError);
        await expect(stale.deleteCheckpoint(`${projection.name}#rebuild`)).rejects.toThrow(FencedWriteError);
        expect((await checkpoints()).get(projection.name)).toBe(before);
        expect(await stale.resolveAlias(projection.collection)).toMatch(new RegExp(`^${projection.collection}_v\\d+$`));
      }
    } finally {
      await stale.close();
    }
    expect(refusals).toHaveLength(3 * ALL_PROJECTIONS.length);

    const lastHead = await append(history.length - appended);
    await allAt(lastHead);
    await new Promise((resolve) => setTimeout(resolve, 4 * TTL_MS)); // the thawed one has had every chance to write
    await stopWatching();
    expect(regressions).toEqual([]);
    expect(await lease()).toMatchObject({ token: firstToken + 1, holder: expect.stringContaining(`:${second.pid}:`) });
    expect(first.child.exitCode).toBeNull(); // standing by, not crashed

    // The documents equal a fresh rebuild of the same log.
    const rebuilt = new EmbeddedReadStore({ filePath: ':memory:' });
    const runner = new ProjectionRunner({
      eventStore,
      readStore: rebuilt,
      projections: ALL_PROJECTIONS,
      idleBackoffMs: 5,
    });
    const written = new MongoReadStore({ uri: uri!, dbName });
    try {
      await runner.start();
      expect(await runner.waitFor(lastHead, runner.names, 60_000)).toBe(true);
      const expected = await snapshot(rebuilt);
      expect(Object.values(expected).every((documents) => documents.length > 0)).toBe(true);
      expect(await snapshot(written)).toEqual(expected);
      for (const [name, position] of await checkpoints())
        if (!name.endsWith('#rebuild')) expect(position).toBe(lastHead);
    } finally {
      await runner.stop();
      await rebuilt.close();
      await written.close();
    }

    const refusedWrites = first
      .stdout()
      .split('\n')
      .filter((line) => /Fenced: /.test(line)).length;
    process.stdout.write(
      `\n[projector lease] events ${history.length} commands / head ${lastHead}; tokens ${firstToken} -> ${firstToken + 1}; ` +
        `standby active ${tookOverAfterMs} ms after the freeze (ttl ${TTL_MS} ms); log lines of the thawed holder naming a fenced write: ${refusedWrites}; writes with its token refused by the server: ${refusals.length}\n`,
    );

    // A clean stop releases the lease; the standby takes it at once.
    await second.stop('SIGTERM');
    await first.waitForOutput(new RegExp(`Active: .* holds the projector lease with fencing token ${firstToken + 2}`));
    await first.stop('SIGTERM');
    expect(await lease()).toMatchObject({ holder: null, token: firstToken + 2 });
  });
});

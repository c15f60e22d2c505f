import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { chainMetadata, GENESIS_HASH, SqliteEventStore, type EventStore } from '@itp/event-store';
import { REBUILD_HALTED } from '@itp/event-store/notary';
import { EmbeddedReadStore, type ReadDocument } from '@itp/read-store';
import type { Projection } from '../projection';
import { ProjectionRunner } from './projection-runner';

/**
 * The first fold of an empty read store verifies the log as it reads it (ADR 0008): every batch before any
 * projection folds it, every projection stopped before a batch that breaks. A rebuild asked for during that fold,
 * or after it halted, reads to the head itself instead of switching over at a reader that has checked nothing.
 */
interface Count extends ReadDocument {
  events: number;
  amounts: number[];
}
const counting = (name: string): Projection<Count> => ({
  name,
  version: 1,
  collection: name,
  handles: new Set(['ItemAdded']),
  documentIds: (event) => [event.streamId],
  evolve: (document, event) => ({
    _id: event.streamId,
    events: (document?.events ?? 0) + 1,
    amounts: [...(document?.amounts ?? []), Number(event.data.amount)],
  }),
});

const base = {
  actor: 'spec',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

describe('the first fold of an empty read store', () => {
  let dir: string;
  let eventStore: EventStore;
  let readStore: EmbeddedReadStore;
  const runners: ProjectionRunner[] = [];
  const chains = new Map<string, { revision: number; hash: string }>();

  const runner = (verify = true): ProjectionRunner => {
    const created = new ProjectionRunner({
      eventStore,
      readStore,
      projections: [counting('first'), counting('second')],
      batchSize: 10,
      catchUpCommit: { events: 10, documents: 100 },
      retryDelayMs: 20,
      idleBackoffMs: 5,
      ...(verify ? { verifyRebuilds: {} } : {}),
    });
    runners.push(created);
    return created;
  };

  /** Appends `count` events to `streamId`, chained as the command side chains them; `forge` edits one afterwards. */
  const append = async (streamId: string, count: number, forge?: (index: number) => boolean): Promise<number[]> => {
    const positions: number[] = [];
    for (let index = 0; index < count; index++) {
      const chain = chains.get(streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const revision = chain.revision + 1;
      const data = { amount: revision };
      const metadata = chainMetadata({ streamId, revision, type: 'ItemAdded', data, metadata: base }, chain.hash);
      chains.set(streamId, { revision, hash: metadata.hash as string });
      const stored = forge?.(index) ? { amount: 1_000_000 } : data;
      const { position } = await eventStore.appendToStream(
        streamId,
        [{ id: uuid(), type: 'ItemAdded', data: stored, metadata }],
        { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 },
      );
      positions.push(position);
    }
    return positions;
  };

  /** 53 events over 3 streams, the 43rd (in the batch of positions 41-50) edited after it was chained. */
  const logWithAForgedEvent = async (): Promise<{ forgedAt: number }> => {
    for (let round = 0; round < 7; round++) for (const stream of ['s-a', 's-b', 's-c']) await append(stream, 2);
    // 42 events so far; the next is at position 43 on a fresh log, and it is forged.
    const [forgedAt] = await append('s-b', 1, () => true);
    for (const stream of ['s-a', 's-c']) await append(stream, 5);
    return { forgedAt };
  };

  const documents = async (collection: string) =>
    (await readStore.collection<Count>(collection).find({}, { sort: { _id: 1 } })).map(
      ({ _position: _p, ...rest }) => rest,
    );
  const stoppedAll = async (run: ProjectionRunner): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while ((await run.statuses()).some((status) => status.state !== 'stopped')) {
      if (Date.now() > deadline) throw new Error(`not stopped: ${JSON.stringify(await run.statuses())}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-first-fold-'));
    eventStore = new SqliteEventStore({ filePath: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    readStore = new EmbeddedReadStore({ filePath: join(dir, 'read.sqlite') });
    chains.clear();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((run) => run.stop()));
    await eventStore.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds an intact log to the head, then follows live appends', async () => {
    for (const stream of ['s-a', 's-b']) await append(stream, 25);
    const run = runner();
    await run.start();
    expect(await run.waitFor(await eventStore.headPosition(), run.names, 10_000)).toBe(true);
    await append('s-a', 3);
    expect(await run.waitFor(await eventStore.headPosition(), run.names, 10_000)).toBe(true);
    expect((await documents('first')).map(({ _id, events }) => [_id, events])).toEqual([
      ['s-a', 28],
      ['s-b', 25],
    ]);
    for (const status of await run.statuses()) expect(status.lastError).toBeNull();
  });

  it('stops every projection before the batch that breaks, naming stream and revision; nothing of it folded', async () => {
    const { forgedAt } = await logWithAForgedEvent();
    const run = runner();
    await run.start();
    await stoppedAll(run);
    const batchStart = Math.floor((forgedAt - 1) / 10) * 10; // batches of 10 from position 0: 41-50 holds 43
    for (const status of await run.statuses()) {
      expect(status.lastError).toMatchObject({
        position: forgedAt,
        streamId: 's-b',
        eventType: 'ItemAdded',
        error: expect.stringMatching(/^Rebuild halted on a break of the stored history \(the first fold/),
      });
      expect(status.lastError!.error).toMatch(
        new RegExp(`stream s-b breaks at revision 14 \\(position ${forgedAt}\\)`),
      );
      expect(status.checkpoint).toBeLessThanOrEqual(batchStart);
    }
    for (const name of run.names) {
      const folded = await documents(name);
      expect(JSON.stringify(folded)).not.toContain('1000000');
      expect(folded.reduce((sum, document) => sum + document.events, 0)).toBeLessThanOrEqual(batchStart);
    }
  });

  it('after the halt, a rebuild reads to the head itself and halts on the same break: readers are not switched', async () => {
    const { forgedAt } = await logWithAForgedEvent();
    const run = runner();
    await run.start();
    await stoppedAll(run);
    const { completion } = await run.rebuild('first');
    expect(await completion).toBe(false);
    const [first] = await run.statuses();
    expect(first).toMatchObject({ state: 'stopped', physicalCollection: 'first_v1' });
    expect(first.lastError).toMatchObject({ position: forgedAt, streamId: 's-b' });
    expect(first.lastError!.error).toMatch(new RegExp(`^${REBUILD_HALTED}, nothing of the batch ingested`));
    expect(await readStore.resolveAlias('first')).toBe('first_v1');
  });

  it('a rebuild asked for as the first fold starts (`itp rebuild` on an empty read store) halts on the break too', async () => {
    const { forgedAt } = await logWithAForgedEvent();
    const run = runner();
    await run.start();
    const { completion } = await run.rebuild('first');
    expect(await completion).toBe(false);
    const [first] = await run.statuses();
    expect(first.lastError).toMatchObject({ position: forgedAt, streamId: 's-b' });
    expect(first.lastError!.error).toMatch(new RegExp(`^${REBUILD_HALTED}`));
    expect(await readStore.resolveAlias('first')).toBe('first_v1');
    expect(JSON.stringify(await documents('first'))).not.toContain('1000000');
  });

  it('a rebuild asked for as the first fold starts on an intact log switches over at the head', async () => {
    for (const stream of ['s-a', 's-b']) await append(stream, 25);
    const run = runner();
    await run.start();
    const { completion } = await run.rebuild('first');
    expect(await completion).toBe(true);
    const [first] = await run.statuses();
    expect(first).toMatchObject({ physicalCollection: 'first_v1_rebuild_1', lastError: null });
    expect(first.checkpoint).toBe(await eventStore.headPosition());
  });

  it('does not verify a start from committed positions, nor a runner not asked to verify', async () => {
    const { forgedAt } = await logWithAForgedEvent();
    const unverified = runner(false);
    await unverified.start();
    expect(await unverified.waitFor(await eventStore.headPosition(), unverified.names, 10_000)).toBe(true);
    expect(JSON.stringify(await documents('first'))).toContain('1000000');
    await unverified.stop();
    // Every projection past 0: a verifying runner starts from their positions and checks nothing (the documented limit).
    await append('s-a', 1);
    const resumed = runner();
    await resumed.start();
    expect(await resumed.waitFor(await eventStore.headPosition(), resumed.names, 10_000)).toBe(true);
    for (const status of await resumed.statuses()) {
      expect(status.lastError).toBeNull();
      expect(status.checkpoint).toBeGreaterThan(forgedAt);
    }
  });
});

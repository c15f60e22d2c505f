import { NO_STREAM } from '@eventstore/db-client';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { EventToAppend, RecordedEvent, SubscriptionMessage } from '../event-store.port';
import { deterministicEventId } from './deterministic-event-id';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEsdbClient } from './eventstoredb-fake-client';

/**
 * The adapter's own logic (retries, bounds, catch-up hand-off, closing) against a client double. What only a
 * real server can show (wire format, server-side idempotency, real positions) is the contract suite's job.
 */
const metadata = { actor: 'u1', role: 'officer', unit: 'hn', commandId: 'c', correlationId: 'c', causationId: 'c' };
const ev = (commandId: string, index: number, type = 'ProjectRegistered'): EventToAppend => ({
  id: deterministicEventId(commandId, index),
  type,
  data: { index },
  metadata,
});
const batch = (commandId: string, count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => ev(commandId, index));
const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};
const positions = (events: RecordedEvent[]): number[] => events.map((e) => e.position);

describe('EventStoreDbEventStore (client double)', () => {
  let fake: FakeEsdbClient;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    fake = new FakeEsdbClient();
    store = new EventStoreDbEventStore(fake.asClient(), { healthTimeoutMs: 50 });
  });

  describe('appendToStream', () => {
    it('maps the expected revision, answers numbers, and reads nothing more once the stream is known', async () => {
      expect(await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: 1,
        position: 1100,
      });
      const reads = fake.streamReads;
      expect(await store.appendToStream('p-1', batch('c2', 1), { expectedRevision: 1 })).toEqual({
        nextExpectedRevision: 2,
        position: 1200,
      });
      expect(fake.streamReads).toBe(reads);
      expect(fake.appendCalls.map((c) => c.expectedRevision)).toEqual([NO_STREAM, 1n]);
    });

    it.each([
      ['the original revision', 'no_stream'],
      ["'any'", 'any'],
      ['the current revision', 3],
      ['a stale revision', 1],
      ['a revision ahead', 9],
    ] as const)(
      'answers a retry sent with %s with the original result, even after the stream moved on',
      async (_label, expectedRevision) => {
        const original = await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' });
        await store.appendToStream('p-1', batch('c2', 2), { expectedRevision: 1 });
        const fresh = new EventStoreDbEventStore(fake.asClient()); // as after a restart: nothing cached
        for (const s of [store, fresh])
          await expect(s.appendToStream('p-1', batch('c1', 2), { expectedRevision })).resolves.toEqual(original);
        expect(fake.log).toHaveLength(4);
      },
    );

    it('reports a real conflict with expected and actual revisions', async () => {
      await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' });
      const error = await store.appendToStream('p-1', [ev('c2', 0)], { expectedRevision: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'p-1', expected: 0, actual: 1 });
    });

    it.each([
      ['only some ids are stored', [ev('c1', 0), ev('c9', 0)]],
      ['the ids come in another order', [ev('c1', 1), ev('c1', 0)]],
      ['an id appears twice', [ev('c9', 0), ev('c9', 0)]],
    ])('refuses with DuplicateEventIdError when %s, storing nothing', async (_label, events) => {
      await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('p-1', events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(fake.log).toHaveLength(2);
    });

    it('checks without writing for an empty append; -1 then stands for no stream', async () => {
      await expect(store.appendToStream('p-1', [], { expectedRevision: 'any' })).resolves.toEqual({
        nextExpectedRevision: -1,
        position: 0,
      });
      await store.appendToStream('p-1', batch('c1', 3), { expectedRevision: -1 });
      await expect(store.appendToStream('p-1', [], { expectedRevision: 2 })).resolves.toEqual({
        nextExpectedRevision: 2,
        position: 1200,
      });
      await expect(store.appendToStream('p-1', [], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        expected: 'no_stream',
        actual: 2,
      });
    });

    it('reads the position back when the server answers without one', async () => {
      fake.reportPositions = false;
      await expect(store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'any' })).resolves.toEqual({
        nextExpectedRevision: 1,
        position: 1100,
      });
    });
  });

  describe('reads', () => {
    beforeEach(async () => {
      await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' }); // 1000, 1100
      fake.seed('$$p-1', '$metadata'); // 1200
      await store.appendToStream('p-2', batch('c2', 1), { expectedRevision: 'no_stream' }); // 1300
      fake.seed('$stats-node', 'NodeStats'); // 1400
    });

    it('reads a stream in both directions; an unknown stream is empty', async () => {
      expect((await store.readStream('p-1')).map((e) => e.revision)).toEqual([0, 1]);
      expect((await store.readStream('p-1', { direction: 'backwards', maxCount: 1 })).map((e) => e.revision)).toEqual([
        1,
      ]);
      expect(await store.readStream('p-1', { fromRevision: 1 })).toMatchObject([
        { revision: 1, data: { index: 1 }, recordedAt: expect.stringMatching(/Z$/) },
      ]);
      await expect(store.readStream('nope')).resolves.toEqual([]);
    });

    it('reads $all without system events, fromPosition exclusive (even inside a record), bounded', async () => {
      expect(positions(await collect(store.readAll()))).toEqual([1000, 1100, 1300]);
      expect(positions(await collect(store.readAll({ fromPosition: 1000 })))).toEqual([1100, 1300]);
      expect(positions(await collect(store.readAll({ fromPosition: 1099 })))).toEqual([1100, 1300]);
      expect(positions(await collect(store.readAll({ toPosition: 1100 })))).toEqual([1000, 1100]);
      expect(positions(await collect(store.readAll({ maxCount: 2 })))).toEqual([1000, 1100]);
      const [, second] = await collect(store.readAll());
      expect(positions(await collect(store.readAll({ toRecordedAt: second.recordedAt })))).toEqual([1000, 1100]);
    });

    it('gives the head as the last application event', async () => {
      await expect(store.headPosition()).resolves.toBe(1300);
      await expect(new EventStoreDbEventStore(new FakeEsdbClient().asClient()).headPosition()).resolves.toBe(0);
    });
  });

  describe('subscribeToAll', () => {
    it('delivers history, caught-up, then live events, exactly once, until aborted', async () => {
      fake.seed('$$p-0', '$metadata'); // 1000
      await store.appendToStream('p-1', batch('c1', 2), { expectedRevision: 'no_stream' }); // 1100, 1200
      const controller = new AbortController();
      const seen: SubscriptionMessage[] = [];
      for await (const message of store.subscribeToAll({ fromPosition: 1150, signal: controller.signal })) {
        seen.push(message);
        if (message.kind === 'caught-up')
          await store.appendToStream('p-2', [ev('c2', 0)], { expectedRevision: 'no_stream' });
        if (message.kind === 'event' && message.event.streamId === 'p-2') controller.abort();
      }
      expect(seen.map((m) => (m.kind === 'event' ? m.event.position : `caught-up@${m.position}`))).toEqual([
        1200,
        'caught-up@1200',
        1300,
      ]);
      expect(fake.subscriptions[0].unsubscribed).toBe(true);
    });

    it('ends a pending next() when the consumer returns, or when the store closes', async () => {
      for (const stop of [(it: AsyncIterator<unknown>) => it.return!(), () => store.close()]) {
        const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
        await expect(iterator.next()).resolves.toEqual({ done: false, value: { kind: 'caught-up', position: 0 } });
        const pending = iterator.next();
        await stop(iterator);
        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      }
    });
  });

  describe('health and closing', () => {
    it('reports reachable, or unreachable when the server does not answer in time', async () => {
      await expect(store.health()).resolves.toMatchObject({ backend: 'eventstoredb', reachable: true });
      fake.hang = true;
      await expect(store.health()).resolves.toEqual({
        backend: 'eventstoredb',
        reachable: false,
        detail: 'no answer within 50 ms',
      });
    });

    it('once closed, is unreachable and refuses work with EventStoreUnavailableError', async () => {
      await store.close();
      await expect(store.health()).resolves.toMatchObject({ reachable: false });
      await expect(store.appendToStream('p-1', batch('c1', 1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(store.readStream('p-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });
});

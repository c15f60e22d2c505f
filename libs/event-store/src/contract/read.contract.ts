/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventToAppend, SubscriptionMessage } from '../event-store.port';
import {
  append,
  collect,
  type ContractHarness,
  ids,
  isStrictlyIncreasing,
  makeEvents,
  metadataFor,
  readAllOf,
  sleep,
  takeUntil,
  uniqueStreamId,
} from './contract-harness';

export function describeReading(h: ContractHarness): void {
  describe('the global log', () => {
    it('orders events across streams in append order, with strictly increasing positions', async () => {
      const streams = [uniqueStreamId('a'), uniqueStreamId('b'), uniqueStreamId('c')];
      const start = await h.store.headPosition();
      const appended: { events: EventToAppend[]; result: AppendResult }[] = [];
      for (let index = 0; index < 9; index += 1) {
        const events = makeEvents(1 + (index % 2));
        appended.push({ events, result: await append(h.store, streams[index % 3], events, 'any') });
      }
      expect(isStrictlyIncreasing(appended.map(({ result }) => result.position))).toBe(true);
      expect(appended[0].result.position).toBeGreaterThan(start);

      const log = await readAllOf(h.store, streams, { fromPosition: start });
      expect(ids(log)).toEqual(appended.flatMap(({ events }) => ids(events)));
      expect(isStrictlyIncreasing(log.map((event) => event.position))).toBe(true);
      // Each answer's position is that of the append's last event.
      const byId = new Map(log.map((event) => [event.id, event.position]));
      for (const { events, result } of appended) expect(byId.get(events[events.length - 1].id)).toBe(result.position);
    });

    it('has its head at or after the last append, and 0 means before the first event', async () => {
      const before = await h.store.headPosition();
      const result = await append(h.store, uniqueStreamId('head'), makeEvents(2), 'no_stream');
      expect(result.position).toBeGreaterThan(before);
      expect(await h.store.headPosition()).toBeGreaterThanOrEqual(result.position);
      expect(before).toBeGreaterThanOrEqual(0);
    });
  });

  describe('reading a stream of 5 events (appended as 2 then 3)', () => {
    let streamId: string;
    let events: EventToAppend[];
    const revisions = async (options: Parameters<typeof h.store.readStream>[1]) =>
      (await h.store.readStream(streamId, options)).map((event) => event.revision);
    beforeEach(async () => {
      streamId = uniqueStreamId('read');
      events = makeEvents(5);
      const first = await append(h.store, streamId, events.slice(0, 2), 'no_stream');
      await append(h.store, streamId, events.slice(2), first.nextExpectedRevision);
    });

    it('forwards gives revisions 0..4 with the ids as appended', async () => {
      const stored = await h.store.readStream(streamId);
      expect(ids(stored)).toEqual(ids(events));
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(stored.every((event) => event.streamId === streamId)).toBe(true);
    });

    it('forwards honours fromRevision (inclusive) and maxCount', async () => {
      expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ direction: 'forwards', fromRevision: 1, maxCount: 3 })).toEqual([1, 2, 3]);
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
    });

    it('backwards starts at the end, and honours fromRevision (inclusive) and maxCount', async () => {
      expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3 })).toEqual([3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
      expect(await revisions({ direction: 'backwards', fromRevision: 2, maxCount: 2 })).toEqual([2, 1]);
    });

    it('an unknown stream gives an empty list in both directions', async () => {
      const unknown = uniqueStreamId('unknown');
      expect(await h.store.readStream(unknown)).toEqual([]);
      expect(await h.store.readStream(unknown, { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('replaying the global log within bounds (6 events, one per append, over 2 streams)', () => {
    let streams: string[];
    let start: number;
    let events: EventToAppend[];
    let positions: number[];
    beforeEach(async () => {
      streams = [uniqueStreamId('left'), uniqueStreamId('right')];
      start = await h.store.headPosition();
      events = makeEvents(6);
      positions = [];
      for (const [index, event] of events.entries())
        positions.push((await append(h.store, streams[index % 2], [event], 'any')).position);
    });

    it('fromPosition is exclusive', async () => {
      const replayed = await collect(h.store.readAll({ fromPosition: positions[2] }));
      expect(replayed.every((event) => event.position > positions[2])).toBe(true);
      expect(ids(replayed.filter((event) => streams.includes(event.streamId)))).toEqual(ids(events.slice(3)));
    });

    it('toPosition is inclusive', async () => {
      const replayed = await collect(h.store.readAll({ fromPosition: start, toPosition: positions[3] }));
      expect(replayed.every((event) => event.position <= positions[3])).toBe(true);
      expect(ids(replayed.filter((event) => streams.includes(event.streamId)))).toEqual(ids(events.slice(0, 4)));
    });

    it('maxCount gives exactly that many events, the first ones after fromPosition', async () => {
      const replayed = await collect(h.store.readAll({ fromPosition: positions[0], maxCount: 2 }));
      expect(replayed).toHaveLength(2);
      expect(replayed[0].position).toBeGreaterThan(positions[0]);
      // Our events 1 and 2 follow position[0], so the first two events after it can lie no further.
      expect(replayed[1].position).toBeLessThanOrEqual(positions[2]);
      expect(replayed[1].position).toBeGreaterThan(replayed[0].position);
    });

    it('toRecordedAt is inclusive: the history as of the instant an event was recorded', async () => {
      await sleep(25);
      const later = makeEvents(2);
      await append(h.store, streams[0], later, 'any');
      const recorded = await readAllOf(h.store, streams, { fromPosition: start });
      const asOf = recorded[5].recordedAt;
      // Guards against a vacuous pass: the later events must really be recorded after the bound.
      expect(Date.parse(recorded[6].recordedAt)).toBeGreaterThan(Date.parse(asOf));

      const replayed = await readAllOf(h.store, streams, { fromPosition: start, toRecordedAt: asOf });
      expect(ids(replayed)).toEqual(ids(events));
      const bounded = await readAllOf(h.store, streams, {
        fromPosition: start,
        toRecordedAt: asOf,
        toPosition: positions[1],
      });
      expect(ids(bounded)).toEqual(ids(events.slice(0, 2)));
    });
  });

  describe('an event with every kind of field', () => {
    it('comes back whole, and the same, through readStream, readAll and subscribeToAll', async () => {
      const streamId = uniqueStreamId('fields');
      const event: EventToAppend = {
        id: randomUUID(),
        type: 'ProjectContractSigned',
        data: {
          projectId: randomUUID(),
          title: '衡阳电子信息产业园 — 合同 №7',
          amount: { value: '1200000000.00', currency: 'CNY' },
          parties: ['investor-1', 'park-2'],
          phased: true,
          note: null,
          share: 0.25,
          milestones: [{ due: '2025-06-30', items: [1, 2, { nested: 'yes' }] }],
        },
        metadata: {
          ...metadataFor(),
          causationId: randomUUID(),
          previousHash: 'a'.repeat(64),
          hash: 'b'.repeat(64),
          client: { ip: '10.0.0.7' },
        },
      };
      const before = Date.now();
      const result = await append(h.store, streamId, [event], 'no_stream');
      const [stored] = await h.store.readStream(streamId);

      expect(Object.keys(stored).sort()).toEqual([
        'data',
        'id',
        'metadata',
        'position',
        'recordedAt',
        'revision',
        'streamId',
        'type',
      ]);
      expect(stored).toEqual({
        ...event,
        streamId,
        revision: 0,
        position: result.position,
        recordedAt: stored.recordedAt,
      });
      expect(Object.keys(stored.metadata)).toEqual(
        expect.arrayContaining(['actor', 'role', 'unit', 'commandId', 'correlationId', 'causationId']),
      );
      expect(Number.isSafeInteger(stored.position) && stored.position > 0).toBe(true);
      expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
      // A remote server's clock may differ a little from ours.
      expect(Math.abs(Date.parse(stored.recordedAt) - before)).toBeLessThan(60_000);

      const [viaReadAll] = await readAllOf(h.store, [streamId], { fromPosition: result.position - 1 });
      expect(viaReadAll).toEqual(stored);
      const subscription = h.store.subscribeToAll({ fromPosition: result.position - 1 })[Symbol.asyncIterator]();
      try {
        const isOurs = (message: SubscriptionMessage) =>
          message.kind === 'event' && message.event.streamId === streamId;
        const received = await takeUntil(subscription, (messages) => messages.some(isOurs), 'the event');
        expect(received.find(isOurs)).toEqual({ kind: 'event', event: stored });
      } finally {
        await subscription.return?.();
      }
    });
  });
}

/// <reference types="jest" />
import type { EventToAppend, RecordedEvent, SubscriptionMessage } from '../event-store.port';
import {
  append,
  type ContractHarness,
  ids,
  isStrictlyIncreasing,
  makeEvents,
  sleep,
  takeUntil,
  uniqueStreamId,
  within,
} from './contract-harness';

type Subscription = AsyncIterator<SubscriptionMessage>;

const eventsOf = (messages: readonly SubscriptionMessage[], streamIds: readonly string[]): RecordedEvent[] =>
  messages.flatMap((message) =>
    message.kind === 'event' && streamIds.includes(message.event.streamId) ? [message.event] : [],
  );

const hasAll =
  (wanted: readonly EventToAppend[], streamIds: readonly string[]) => (messages: readonly SubscriptionMessage[]) => {
    const seen = new Set(ids(eventsOf(messages, streamIds)));
    return wanted.every((event) => seen.has(event.id));
  };

const isCaughtUp = (messages: readonly SubscriptionMessage[]) =>
  messages.some((message) => message.kind === 'caught-up');

export function describeSubscribing(h: ContractHarness): void {
  describe('subscribing to the global log', () => {
    let subscription: Subscription | undefined;
    const subscribe = (options: Parameters<typeof h.store.subscribeToAll>[0]): Subscription => {
      subscription = h.store.subscribeToAll(options)[Symbol.asyncIterator]();
      return subscription;
    };
    afterEach(async () => {
      await subscription?.return?.();
      subscription = undefined;
    });

    it('delivers the stored events, then one caught-up marker, then later appends, all in position order', async () => {
      const streams = [uniqueStreamId('sub-a'), uniqueStreamId('sub-b')];
      const start = await h.store.headPosition();
      const stored = makeEvents(3);
      await append(h.store, streams[0], stored.slice(0, 1), 'no_stream');
      const lastStored = await append(h.store, streams[0], stored.slice(1), 0);
      const sub = subscribe({ fromPosition: start });

      const catchUp = await takeUntil(sub, isCaughtUp, 'the caught-up marker');
      expect(ids(eventsOf(catchUp, streams))).toEqual(ids(stored));
      const marker = catchUp[catchUp.length - 1];
      expect(marker.kind).toBe('caught-up');
      expect(marker.kind === 'caught-up' && marker.position).toBeGreaterThanOrEqual(lastStored.position);

      const live = [...makeEvents(2), ...makeEvents(1)];
      await append(h.store, streams[1], live.slice(0, 2), 'no_stream');
      await append(h.store, streams[0], live.slice(2), 'stream_exists');
      const afterCatchUp = await takeUntil(sub, hasAll(live, streams), 'the live events');
      expect(afterCatchUp.some((message) => message.kind === 'caught-up')).toBe(false);
      expect(ids(eventsOf(afterCatchUp, streams))).toEqual(ids(live));

      const positions = [...catchUp, ...afterCatchUp].flatMap((message) =>
        message.kind === 'event' ? [message.event.position] : [],
      );
      expect(isStrictlyIncreasing(positions)).toBe(true);
    });

    it('wakes up for an append made while it waits', async () => {
      const streamId = uniqueStreamId('wake');
      const sub = subscribe({ fromPosition: await h.store.headPosition() });
      await takeUntil(sub, isCaughtUp, 'the caught-up marker');
      const events = makeEvents(2);
      const waiting = takeUntil(sub, hasAll(events, [streamId]), 'the appended events');
      await sleep(30);
      await append(h.store, streamId, events, 'no_stream');
      expect(ids(eventsOf(await waiting, [streamId]))).toEqual(ids(events));
    });

    it('resumes after a checkpoint, exclusively', async () => {
      const streamId = uniqueStreamId('resume');
      const events = makeEvents(4);
      const positions: number[] = [];
      for (const [index, event] of events.entries())
        positions.push((await append(h.store, streamId, [event], index === 0 ? 'no_stream' : index - 1)).position);
      const sub = subscribe({ fromPosition: positions[1] });

      const received = await takeUntil(sub, isCaughtUp, 'the caught-up marker');
      expect(ids(eventsOf(received, [streamId]))).toEqual(ids(events.slice(2)));
      expect(received.every((message) => message.kind !== 'event' || message.event.position > positions[1])).toBe(true);
    });

    it('ends when its signal is aborted, even while it waits for events', async () => {
      const controller = new AbortController();
      const sub = subscribe({ fromPosition: await h.store.headPosition(), signal: controller.signal });
      await takeUntil(sub, isCaughtUp, 'the caught-up marker');
      const pending = sub.next();
      controller.abort();
      expect((await within(pending, 2000, 'the end after abort')).done).toBe(true);
      expect((await within(sub.next(), 2000, 'a next() after the end')).done).toBe(true);
    });

    it('ends when the consumer returns, even while a next() is pending', async () => {
      const sub = subscribe({ fromPosition: await h.store.headPosition() });
      await takeUntil(sub, isCaughtUp, 'the caught-up marker');
      const pending = sub.next();
      await within(sub.return!(), 2000, 'return()');
      expect((await within(pending, 2000, 'the pending next() to end')).done).toBe(true);
    });

    it('ends at once for a signal that was aborted before subscribing', async () => {
      const sub = subscribe({ fromPosition: await h.store.headPosition(), signal: AbortSignal.abort() });
      expect((await within(sub.next(), 2000, 'the end')).done).toBe(true);
    });

    it('stops after a for-await loop breaks, and a new subscription still sees everything', async () => {
      const streamId = uniqueStreamId('break');
      const start = await h.store.headPosition();
      const events = makeEvents(3);
      await append(h.store, streamId, events, 'no_stream');
      const seen: string[] = [];
      for await (const message of h.store.subscribeToAll({ fromPosition: start })) {
        if (message.kind === 'event' && message.event.streamId === streamId) seen.push(message.event.id);
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(ids(events.slice(0, 2)));
      const again = await takeUntil(subscribe({ fromPosition: start }), isCaughtUp, 'the caught-up marker');
      expect(ids(eventsOf(again, [streamId]))).toEqual(ids(events));
    });
  });
}

/// <reference types="jest" />
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';
import {
  append,
  collect,
  type ContractHarness,
  ids,
  isStrictlyIncreasing,
  makeEvents,
  readAllOf,
  sleep,
  takeUntil,
  uniqueStreamId,
} from './contract-harness';

interface Attempt {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

/** Issues every attempt in the same turn, without awaiting in between, so that a store may group them. */
const allAtOnce = (h: ContractHarness, attempts: readonly Attempt[]) =>
  Promise.allSettled(attempts.map(({ streamId, events, expected }) => append(h.store, streamId, events, expected)));

const fulfilled = (outcome: PromiseSettledResult<AppendResult>): AppendResult => {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
};

/**
 * Appends that are in flight together: a store may write them in one transaction (group commit on SQLite) or
 * one by one; either way each append keeps its own expected-revision check, its own result and its own failure,
 * and the log stays a sequence of whole appends in strictly increasing positions.
 */
export function describeConcurrentAppends(h: ContractHarness): void {
  describe('appends in flight at the same time', () => {
    it('to different streams all commit, with distinct, increasing positions that match the log', async () => {
      const start = await h.store.headPosition();
      const attempts = Array.from({ length: 16 }, () => ({
        streamId: uniqueStreamId('together'),
        events: makeEvents(1),
        expected: 'no_stream' as const,
      }));
      const results = (await allAtOnce(h, attempts)).map(fulfilled);

      expect(results.every((result) => result.nextExpectedRevision === 0 && result.position > start)).toBe(true);
      expect(new Set(results.map((result) => result.position)).size).toBe(attempts.length);
      const log = await readAllOf(
        h.store,
        attempts.map(({ streamId }) => streamId),
        { fromPosition: start },
      );
      expect(log).toHaveLength(attempts.length);
      expect(isStrictlyIncreasing(log.map((event) => event.position))).toBe(true);
      const positionOf = new Map(log.map((event) => [event.id, event.position]));
      attempts.forEach(({ events }, index) => expect(positionOf.get(events[0].id)).toBe(results[index].position));
    });

    it('one whose expected revision is wrong fails alone; the others, before and after it, commit', async () => {
      const seeded = uniqueStreamId('seeded');
      await append(h.store, seeded, makeEvents(2), 'no_stream');
      const fresh = (): Attempt => ({
        streamId: uniqueStreamId('bystander'),
        events: makeEvents(1),
        expected: 'no_stream',
      });
      const attempts: Attempt[] = [
        ...Array.from({ length: 6 }, fresh),
        { streamId: seeded, events: makeEvents(1), expected: 0 },
        ...Array.from({ length: 6 }, fresh),
        { streamId: seeded, events: makeEvents(2), expected: 1 },
      ];
      const outcomes = await allAtOnce(h, attempts);

      // Whether the other append to this stream went before or after it is the store's choice: actual 1 or 3.
      expect(outcomes[6].status).toBe('rejected');
      const refusal = (outcomes[6] as PromiseRejectedResult).reason as WrongExpectedRevisionError;
      expect(refusal).toBeInstanceOf(WrongExpectedRevisionError);
      expect(refusal).toMatchObject({ streamId: seeded, expected: 0 });
      expect([1, 3]).toContain(refusal.actual);
      const others = outcomes.filter((_, index) => index !== 6).map(fulfilled);
      expect(others).toHaveLength(attempts.length - 1);
      expect(others[others.length - 1].nextExpectedRevision).toBe(3);
      const stored = await h.store.readStream(seeded);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      expect(ids(stored.slice(2))).toEqual(ids(attempts[13].events));
      for (const attempt of attempts.filter((_, index) => index < 13 && index !== 6)) {
        expect(ids(await h.store.readStream(attempt.streamId))).toEqual(ids(attempt.events));
      }
    });

    it('a retry of an earlier append, sent with other appends, answers the original result and adds nothing', async () => {
      const streamId = uniqueStreamId('retried');
      const original = makeEvents(2);
      const first = await append(h.store, streamId, original, 'no_stream');
      const moveOn = makeEvents(1);
      const attempts: Attempt[] = [
        ...Array.from({ length: 5 }, () => ({
          streamId: uniqueStreamId('bystander'),
          events: makeEvents(1),
          expected: 'no_stream' as const,
        })),
        // The stream moves on in the same flight, ahead of the retry.
        { streamId, events: moveOn, expected: 1 },
        { streamId, events: original, expected: 'no_stream' },
        ...Array.from({ length: 5 }, () => ({
          streamId: uniqueStreamId('bystander'),
          events: makeEvents(1),
          expected: 'any' as const,
        })),
      ];
      const results = (await allAtOnce(h, attempts)).map(fulfilled);

      expect(results[6]).toEqual(first);
      expect(results[5].nextExpectedRevision).toBe(2);
      expect(ids(await h.store.readStream(streamId))).toEqual([...ids(original), ...ids(moveOn)]);
    });

    it('the same append sent twice at once (a retry before the first answer) is stored once; both get its result', async () => {
      const streamId = uniqueStreamId('twice');
      const events = makeEvents(2);
      const attempts: Attempt[] = [
        { streamId: uniqueStreamId('bystander'), events: makeEvents(1), expected: 'no_stream' },
        { streamId, events, expected: 'no_stream' },
        { streamId: uniqueStreamId('bystander'), events: makeEvents(1), expected: 'no_stream' },
        { streamId, events, expected: 'no_stream' },
      ];
      const results = (await allAtOnce(h, attempts)).map(fulfilled);

      expect(results[3]).toEqual(results[1]);
      expect(results[1].nextExpectedRevision).toBe(1);
      const stored = await h.store.readStream(streamId);
      expect(ids(stored)).toEqual(ids(events));
      expect(stored[1].position).toBe(results[1].position);
    });

    it('keeps the events of each multi-event append together and in order in the global log', async () => {
      const start = await h.store.headPosition();
      const attempts: Attempt[] = Array.from({ length: 12 }, (_, index) => ({
        streamId: uniqueStreamId(`batch-${index}`),
        events: makeEvents(index % 3 === 0 ? 1 : 4),
        expected: 'no_stream' as const,
      }));
      const results = (await allAtOnce(h, attempts)).map(fulfilled);
      const last = Math.max(...results.map((result) => result.position));

      // The whole window, not only these streams: nothing at all may fall between two events of one append.
      const window = await collect(h.store.readAll({ fromPosition: start, toPosition: last }));
      const index = new Map(window.map((event, at) => [event.id, at]));
      attempts.forEach(({ events }, attempt) => {
        const at = index.get(events[0].id);
        expect(at).toBeDefined();
        const run = window.slice(at, (at as number) + events.length);
        expect(ids(run)).toEqual(ids(events));
        expect(run.map((event) => event.revision)).toEqual(events.map((_, revision) => revision));
        expect(run[run.length - 1].position).toBe(results[attempt].position);
      });
      expect(isStrictlyIncreasing(window.map((event) => event.position))).toBe(true);
    });

    it('never lets a reader, a subscriber or the head see a position before every earlier one is visible', async () => {
      const streams = Array.from({ length: 8 }, () => uniqueStreamId('watched'));
      const start = await h.store.headPosition();
      const subscription = h.store.subscribeToAll({ fromPosition: start })[Symbol.asyncIterator]();
      try {
        // Snapshots taken while appends are in flight: a head and the prefix of the log up to it.
        const snapshots: { head: number; prefix: RecordedEvent[] }[] = [];
        let writing = true;
        const watcher = (async () => {
          while (writing) {
            const head = await h.store.headPosition();
            snapshots.push({
              head,
              prefix: await readAllOf(h.store, streams, { fromPosition: start, toPosition: head }),
            });
            // A macrotask between snapshots: promises alone would never let the writes in.
            await sleep(0);
          }
        })();
        const appended: EventToAppend[] = [];
        for (let round = 0; round < 6; round += 1) {
          const attempts = streams.map((streamId, index) => ({
            streamId,
            events: makeEvents(1 + ((round + index) % 2)),
            expected: 'any' as const,
          }));
          appended.push(...attempts.flatMap(({ events }) => events));
          (await allAtOnce(h, attempts)).forEach(fulfilled);
        }
        writing = false;
        await watcher;

        const final = await readAllOf(h.store, streams, { fromPosition: start });
        expect(ids(final).sort()).toEqual(ids(appended).sort());
        // A hole below a head that was seen is never filled later: each prefix is still the prefix.
        for (const { head, prefix } of snapshots) {
          expect(ids(prefix)).toEqual(ids(final.filter((event) => event.position <= head)));
        }
        // The subscription delivers each event once, in position order, skipping none.
        const wanted = new Set(ids(appended));
        const messages = await takeUntil(
          subscription,
          (received) =>
            received.filter((message) => message.kind === 'event' && wanted.has(message.event.id)).length ===
            wanted.size,
          'every concurrently appended event',
          15_000,
        );
        const delivered = messages.flatMap((message) =>
          message.kind === 'event' && wanted.has(message.event.id) ? [message.event] : [],
        );
        expect(ids(delivered)).toEqual(ids(final));
      } finally {
        await subscription.return?.();
      }
    });
  });
}

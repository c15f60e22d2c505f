/// <reference types="jest" />
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend } from '../event-store.port';
import {
  append,
  type ContractHarness,
  expectWrongRevision,
  ids,
  makeEvents,
  rejectionOf,
  uniqueStreamId,
} from './contract-harness';

export function describeAppending(h: ContractHarness, capabilities: { globallyUniqueEventIds: boolean }): void {
  describe('appending to a stream that does not exist', () => {
    let streamId: string;
    beforeEach(() => {
      streamId = uniqueStreamId('new');
    });

    it("with 'no_stream' stores the events at revisions 0.. and answers the last revision and position", async () => {
      const events = makeEvents(3);
      const result = await append(h.store, streamId, events, 'no_stream');
      const stored = await h.store.readStream(streamId);
      expect(ids(stored)).toEqual(ids(events));
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(result).toEqual({ nextExpectedRevision: 2, position: stored[2].position });
    });

    it("with 'any' stores them", async () => {
      const result = await append(h.store, streamId, makeEvents(2), 'any');
      expect(result.nextExpectedRevision).toBe(1);
      expect(await h.store.readStream(streamId)).toHaveLength(2);
    });

    it("with 'stream_exists' is refused, naming expected and actual, and stores nothing", async () => {
      await expectWrongRevision(append(h.store, streamId, makeEvents(1), 'stream_exists'), {
        streamId,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await h.store.readStream(streamId)).toEqual([]);
    });

    it('with a revision number is refused, naming expected and actual, and stores nothing', async () => {
      await expectWrongRevision(append(h.store, streamId, makeEvents(1), 0), {
        streamId,
        expected: 0,
        actual: 'no_stream',
      });
      expect(await h.store.readStream(streamId)).toEqual([]);
    });
  });

  describe('appending to a stream whose last event is at revision 2', () => {
    let streamId: string;
    let first: AppendResult;
    beforeEach(async () => {
      streamId = uniqueStreamId('existing');
      first = await append(h.store, streamId, makeEvents(3), 'no_stream');
    });

    it('with that revision appends at 3.., and each answer is the next expected revision', async () => {
      const second = await append(h.store, streamId, makeEvents(2), first.nextExpectedRevision);
      const third = await append(h.store, streamId, makeEvents(1), second.nextExpectedRevision);
      expect([second.nextExpectedRevision, third.nextExpectedRevision]).toEqual([4, 5]);
      expect(second.position).toBeGreaterThan(first.position);
      expect(third.position).toBeGreaterThan(second.position);
      expect((await h.store.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it.each(['stream_exists', 'any'] as const)("with '%s' appends", async (expectedRevision) => {
      const result = await append(h.store, streamId, makeEvents(1), expectedRevision);
      expect(result.nextExpectedRevision).toBe(3);
      expect(await h.store.readStream(streamId)).toHaveLength(4);
    });

    it.each([
      ['no_stream', 'no_stream'],
      ['a stale revision', 1],
      ['a revision ahead of the stream', 5],
    ] as const)('with %s is refused, naming expected and actual, and stores nothing', async (_label, expected) => {
      const before = await h.store.readStream(streamId);
      await expectWrongRevision(append(h.store, streamId, makeEvents(2), expected), { streamId, expected, actual: 2 });
      expect(await h.store.readStream(streamId)).toEqual(before);
    });

    it('with no events writes nothing and answers the current revision', async () => {
      const result = await append(h.store, streamId, [], 'any');
      expect(result.nextExpectedRevision).toBe(2);
      expect(await h.store.readStream(streamId)).toHaveLength(3);
    });
  });

  describe('retrying an append that succeeded (the same event ids)', () => {
    let streamId: string;
    let events: EventToAppend[];
    let original: AppendResult;
    beforeEach(async () => {
      streamId = uniqueStreamId('retry');
      events = makeEvents(2);
      original = await append(h.store, streamId, events, 'no_stream');
    });

    it.each([
      ['the original expected revision', 'no_stream'],
      ["'any'", 'any'],
      ["'stream_exists'", 'stream_exists'],
    ] as const)('with %s answers the original result and adds nothing', async (_label, expectedRevision) => {
      const retried = await append(h.store, streamId, events, expectedRevision);
      expect(retried).toEqual(original);
      expect(ids(await h.store.readStream(streamId))).toEqual(ids(events));
    });

    it('answers the original result even after the stream has moved on', async () => {
      await append(h.store, streamId, makeEvents(2), 1);
      const retried = await append(h.store, streamId, events, 'no_stream');
      expect(retried).toEqual(original);
      expect(await h.store.readStream(streamId)).toHaveLength(4);
    });

    it('of an append in the middle of the stream answers that append’s result', async () => {
      const middleEvents = makeEvents(2);
      const middle = await append(h.store, streamId, middleEvents, 1);
      await append(h.store, streamId, makeEvents(2), 3);
      expect(await append(h.store, streamId, middleEvents, 1)).toEqual(middle);
      expect(await h.store.readStream(streamId)).toHaveLength(6);
    });

    it('is refused with DuplicateEventIdError when only some of the ids are stored, and stores nothing', async () => {
      const fresh = makeEvents(1);
      for (const batch of [
        [events[0], fresh[0]],
        [fresh[0], events[1]],
      ]) {
        const error = await rejectionOf(append(h.store, streamId, batch, 'any'));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(ids(events)).toContain((error as DuplicateEventIdError).eventId);
      }
      expect(ids(await h.store.readStream(streamId))).toEqual(ids(events));
    });

    (capabilities.globallyUniqueEventIds ? it : it.skip)(
      'is refused with DuplicateEventIdError when the ids are stored in another stream',
      async () => {
        const otherStream = uniqueStreamId('other');
        const error = await rejectionOf(append(h.store, otherStream, events, 'any'));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await h.store.readStream(otherStream)).toEqual([]);
      },
    );

    it('is refused with DuplicateEventIdError when the same ids come with other event types', async () => {
      const error = await rejectionOf(
        append(
          h.store,
          streamId,
          events.map((event) => ({ ...event, type: 'ProjectLeadWithdrawn' })),
          'any',
        ),
      );
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(ids(await h.store.readStream(streamId))).toEqual(ids(events));
    });

    it('is refused with DuplicateEventIdError when the ids come in another order', async () => {
      const error = await rejectionOf(append(h.store, streamId, [events[1], events[0]], 'any'));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(ids(await h.store.readStream(streamId))).toEqual(ids(events));
    });
  });

  describe('concurrent appends to one stream with the same expected revision', () => {
    it.each([
      ['a revision number', 0, 0],
      ["'no_stream'", 'no_stream', undefined],
    ] as const)(
      'with %s: exactly one wins, the others are refused and store nothing',
      async (_label, expected, seeded) => {
        const streamId = uniqueStreamId('race');
        if (seeded !== undefined) await append(h.store, streamId, makeEvents(1), 'no_stream');
        const contenders = Array.from({ length: 5 }, () => makeEvents(2));
        const outcomes = await Promise.allSettled(
          contenders.map((events) => append(h.store, streamId, events, expected)),
        );

        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
        expect(winners).toHaveLength(1);
        const stored = await h.store.readStream(streamId);
        const base = seeded === undefined ? 0 : 1;
        expect(ids(stored.slice(base))).toEqual(ids(contenders[winners[0]]));
        const losers = outcomes.flatMap((outcome) =>
          outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
        );
        expect(losers).toHaveLength(4);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected, actual: base + 1 });
        }
      },
    );
  });
}

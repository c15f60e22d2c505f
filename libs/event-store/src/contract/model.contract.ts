/// <reference types="jest" />
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import {
  type ContractHarness,
  ids,
  isStrictlyIncreasing,
  makeEvents,
  readAllOf,
  uniqueStreamId,
} from './contract-harness';

/** mulberry32: a tiny seeded generator, so that a failing sequence can be replayed from its seed. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  return (below: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
};

type Outcome = { ok: AppendResult } | { error: string };

interface Model {
  streams: Map<string, string[]>;
  /** Successful appends, replayable as retries. */
  done: { streamId: string; events: EventToAppend[]; result: AppendResult }[];
  log: string[];
}

const KINDS = ['no_stream', 'stream_exists', 'any', 'right', 'stale'] as const;

export function describeRandomHistories(h: ContractHarness): void {
  describe('random sequences of appends and retries', () => {
    it.each([11, 2024, 777_777])('agree with a plain in-memory model (seed %i)', async (seed) => {
      const random = generator(seed);
      const streamIds = [uniqueStreamId('model-a'), uniqueStreamId('model-b'), uniqueStreamId('model-c')];
      const model: Model = { streams: new Map(streamIds.map((id) => [id, []])), done: [], log: [] };
      const start = await h.store.headPosition();
      let successes = 0;
      let refusals = 0;

      for (let step = 0; step < 40; step += 1) {
        const retry = model.done.length > 0 && random(5) === 0;
        const target = retry ? model.done[random(model.done.length)] : undefined;
        const streamId = target?.streamId ?? streamIds[random(streamIds.length)];
        const events = target?.events ?? makeEvents(1 + random(3));
        const stored = model.streams.get(streamId) as string[];
        const kind = KINDS[random(KINDS.length)];
        // 'stale' draws a revision number near the truth: behind, right (when the stream exists) or ahead.
        const expectedRevision: ExpectedRevision =
          kind === 'right'
            ? stored.length === 0
              ? 'no_stream'
              : stored.length - 1
            : kind === 'stale'
              ? Math.max(0, stored.length - 2 + random(4))
              : kind;

        let predicted: Outcome;
        if (target !== undefined) predicted = { ok: target.result };
        else if (!accepts(expectedRevision, stored.length)) predicted = { error: WrongExpectedRevisionError.name };
        else predicted = { ok: { nextExpectedRevision: stored.length + events.length - 1, position: -1 } };

        const actual: Outcome = await h.store.appendToStream(streamId, events, { expectedRevision }).then(
          (ok) => ({ ok }),
          (error: unknown) => ({
            error:
              error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError
                ? error.name
                : String(error),
          }),
        );
        if ('ok' in predicted && 'ok' in actual && target === undefined) {
          predicted.ok.position = actual.ok.position;
          stored.push(...ids(events));
          model.log.push(...ids(events));
          model.done.push({ streamId, events, result: actual.ok });
          successes += 1;
        }
        if ('error' in actual) refusals += 1;
        expect({ seed, step, expectedRevision, retry, actual }).toEqual({
          seed,
          step,
          expectedRevision,
          retry,
          actual: predicted,
        });
      }

      // Both paths must have been exercised, or the run proved little.
      expect(successes).toBeGreaterThan(5);
      expect(refusals).toBeGreaterThan(2);
      for (const streamId of streamIds) {
        const stored = await h.store.readStream(streamId);
        expect(ids(stored)).toEqual(model.streams.get(streamId));
        expect(stored.map((event) => event.revision)).toEqual(stored.map((_, index) => index));
      }
      const log = await readAllOf(h.store, streamIds, { fromPosition: start });
      expect(ids(log)).toEqual(model.log);
      expect(isStrictlyIncreasing(log.map((event) => event.position))).toBe(true);
      expect(isStrictlyIncreasing(model.done.map(({ result }) => result.position))).toBe(true);
    });
  });
}

function accepts(expected: ExpectedRevision, length: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return length === 0;
  if (expected === 'stream_exists') return length > 0;
  return expected === length - 1;
}

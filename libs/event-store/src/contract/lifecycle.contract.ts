/// <reference types="jest" />
import { EventStoreUnavailableError } from '../event-store.errors';
import type { EventToAppend } from '../event-store.port';
import {
  append,
  collect,
  type ContractHarness,
  ids,
  makeEvents,
  readAllOf,
  rejectionOf,
  uniqueStreamId,
} from './contract-harness';

export function describeLifecycle(h: ContractHarness, options: { restart: boolean }): void {
  describe('health and closing', () => {
    it('reports itself reachable while open', async () => {
      const health = await h.store.health();
      expect(health.reachable).toBe(true);
      expect(['sqlite', 'eventstoredb']).toContain(health.backend);
    });

    it('once closed, reports itself unreachable and refuses work with EventStoreUnavailableError', async () => {
      const store = h.store;
      await h.close();
      expect((await store.health()).reachable).toBe(false);
      const streamId = uniqueStreamId('closed');
      expect(await rejectionOf(append(store, streamId, makeEvents(1), 'any'))).toBeInstanceOf(
        EventStoreUnavailableError,
      );
      expect(await rejectionOf(store.readStream(streamId))).toBeInstanceOf(EventStoreUnavailableError);
      expect(await rejectionOf(collect(store.readAll()))).toBeInstanceOf(EventStoreUnavailableError);
    });
  });

  (options.restart ? describe : describe.skip)('after a restart (close, then reopen on the same data)', () => {
    it('keeps every event, revision and position, and carries on from them', async () => {
      const streams = [uniqueStreamId('durable-a'), uniqueStreamId('durable-b')];
      const start = await h.store.headPosition();
      const first: EventToAppend[] = makeEvents(3);
      const firstResult = await append(h.store, streams[0], first, 'no_stream');
      await append(h.store, streams[1], makeEvents(2), 'no_stream');
      const streamsBefore = await Promise.all(streams.map((streamId) => h.store.readStream(streamId)));
      const logBefore = await readAllOf(h.store, streams, { fromPosition: start });
      const headBefore = await h.store.headPosition();
      expect(logBefore).toHaveLength(5);

      const store = await h.restart();

      expect(await Promise.all(streams.map((streamId) => store.readStream(streamId)))).toEqual(streamsBefore);
      expect(await readAllOf(store, streams, { fromPosition: start })).toEqual(logBefore);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(headBefore);
      // Retries stay idempotent across the restart, and revisions carry on.
      expect(await append(store, streams[0], first, 'no_stream')).toEqual(firstResult);
      const next = await append(store, streams[0], makeEvents(1), 2);
      expect(next.nextExpectedRevision).toBe(3);
      expect(next.position).toBeGreaterThan(headBefore);
      expect(ids(await store.readStream(streams[0]))).toHaveLength(4);
    });
  });
}

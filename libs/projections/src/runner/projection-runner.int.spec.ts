import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@itp/event-store';
import { EmbeddedReadStore, type ReadDocument } from '@itp/read-store';
import type { Projection } from '../projection';
import { ProjectionRunner } from './projection-runner';
import { UnknownProjectionError } from './projection-slot';

// A tiny projection: one tally per stream. `digest` depends on the order of the events, so a reordered or
// doubled fold shows; `version` says which fold built the document; TallyClosed deletes it.
interface Tally extends ReadDocument {
  total: number;
  digest: number;
  events: number;
  version: number;
}
const tally = (version: number, name = 'tally', collection = 'tally'): Projection<Tally> => ({
  name,
  version,
  collection,
  handles: new Set(['ItemAdded', 'TallyClosed']),
  documentIds: (event) => [event.streamId],
  evolve: (document, event) => {
    if (event.type === 'TallyClosed') return null;
    const amount = Number(event.data.amount) * version;
    if (name === 'fragile' && amount === 13) throw new Error('unlucky thirteen');
    const previous = document ?? { total: 0, digest: 0, events: 0 };
    return {
      _id: event.streamId,
      total: previous.total + amount,
      digest: (previous.digest * 31 + amount) % 1_000_003,
      events: previous.events + 1,
      version,
    };
  },
});

const metadata = {
  actor: 'spec',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};
const added = (amount: number) => ({ id: uuid(), type: 'ItemAdded', data: { amount }, metadata });
const noise = () => ({ id: uuid(), type: 'SomethingElse', data: {}, metadata });

/** What the documents must be: the events folded in memory, in log order. */
const expectedDocuments = (
  projection: Projection<Tally>,
  events: readonly RecordedEvent[],
): Record<string, unknown>[] => {
  const documents = new Map<string, Tally | null>();
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    for (const id of projection.documentIds(event))
      documents.set(id, projection.evolve(documents.get(id) ?? null, event));
  }
  return [...documents.values()].filter((d): d is Tally => d !== null).sort((a, b) => a._id.localeCompare(b._id));
};

describe('ProjectionRunner over the SQLite event store and the embedded read store', () => {
  let dir: string;
  let eventStore: EventStore;
  let readStore: EmbeddedReadStore;
  const runners: ProjectionRunner[] = [];

  // A small catch-up window, so that catch-up commits several times in every test.
  const runner = (
    projections: Projection[],
    batchSize = 100,
    catchUpCommit = { events: 250, documents: 12 },
  ): ProjectionRunner => {
    const created = new ProjectionRunner({
      eventStore,
      readStore,
      projections,
      batchSize,
      catchUpCommit,
      retryDelayMs: 50,
    });
    runners.push(created);
    return created;
  };
  const appendTallies = async (
    streams: number,
    perStream: number,
    amountOf = (s: number, i: number) => s + i,
  ): Promise<void> => {
    for (let s = 0; s < streams; s++) {
      await eventStore.appendToStream(
        `tally-${s}`,
        Array.from({ length: perStream }, (_, i) => added(amountOf(s, i))),
        { expectedRevision: 'any' },
      );
      if (s % 7 === 0) await eventStore.appendToStream('noise', [noise()], { expectedRevision: 'any' });
    }
  };
  const documents = async (collection = 'tally') =>
    (await readStore.collection<Tally>(collection).find({}, { sort: { _id: 1 } })).map(
      ({ _position: _p, ...rest }) => rest,
    );
  const allEvents = async () => {
    const events: RecordedEvent[] = [];
    for await (const event of eventStore.readAll()) events.push(event);
    return events;
  };
  const reachHead = async (run: ProjectionRunner, names = ['tally']) =>
    expect(await run.waitFor(await eventStore.headPosition(), names, 10_000)).toBe(true);
  const statusOf = async (run: ProjectionRunner, name = 'tally') =>
    (await run.statuses()).find((status) => status.name === name)!;
  const eventually = async (condition: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-runner-'));
    eventStore = new SqliteEventStore({ filePath: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    readStore = new EmbeddedReadStore({ filePath: join(dir, 'read.sqlite') });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((run) => run.stop()));
    await eventStore.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('given a log with history', () => {
    it('catches up in batches, then follows live appends, and its checkpoint passes unhandled events', async () => {
      await appendTallies(30, 50);
      const run = runner([tally(1)]);
      await run.start();
      await reachHead(run);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
      expect(await readStore.resolveAlias('tally')).toBe('tally_v1');

      await eventStore.appendToStream('tally-3', [added(1000)], { expectedRevision: 'any' });
      await eventStore.appendToStream('noise', [noise()], { expectedRevision: 'any' });
      await reachHead(run);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
      const head = await eventStore.headPosition();
      expect(await statusOf(run)).toMatchObject({
        name: 'tally',
        version: 1,
        collection: 'tally',
        physicalCollection: 'tally_v1',
        checkpoint: head,
        head,
        lag: 0,
        state: 'live',
        lastError: null,
      });
      expect(await readStore.getCheckpoint('tally')).toBe(head);
    });

    it('deletes a document when the fold says so', async () => {
      await appendTallies(3, 2);
      await eventStore.appendToStream('tally-1', [{ id: uuid(), type: 'TallyClosed', data: {}, metadata }], {
        expectedRevision: 'any',
      });
      const run = runner([tally(1)]);
      await run.start();
      await reachHead(run);
      expect((await documents()).map((d) => d._id)).toEqual(['tally-0', 'tally-2']);
    });
  });

  describe('given events it has already folded', () => {
    it.each([0, 137])('a restart from the lower checkpoint %i leaves the same documents', async (lower) => {
      await appendTallies(20, 40);
      const first = runner([tally(1)], 64);
      await first.start();
      await reachHead(first);
      await first.stop();
      const before = await readStore.collection('tally').find({}, { sort: { _id: 1 } });

      await readStore.switchAlias('tally', 'tally_v1', { checkpoint: { projection: 'tally', position: lower } });
      const again = runner([tally(1)], 33);
      await again.start();
      await reachHead(again);
      expect(await readStore.collection('tally').find({}, { sort: { _id: 1 } })).toEqual(before);
    });

    it('an event store that delivers every event twice changes nothing', async () => {
      await appendTallies(10, 30);
      const doubling: EventStore = Object.create(eventStore, {
        subscribeToAll: {
          value: async function* (options: Parameters<EventStore['subscribeToAll']>[0]) {
            for await (const message of eventStore.subscribeToAll(options)) {
              yield message;
              if (message.kind === 'event') yield message;
            }
          },
        },
      });
      const run = new ProjectionRunner({ eventStore: doubling, readStore, projections: [tally(1)], batchSize: 50 });
      runners.push(run);
      await run.start();
      await reachHead(run);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
    });
  });

  describe('when the read store fails for a while', () => {
    it('reads again from the committed checkpoints and loses nothing', async () => {
      await appendTallies(10, 20);
      let failures = 3;
      const flaky = Object.create(readStore, {
        applyBatch: {
          value: (batch: Parameters<EmbeddedReadStore['applyBatch']>[0]) =>
            failures-- > 0 ? Promise.reject(new Error('disk full')) : readStore.applyBatch(batch),
        },
      });
      const run = new ProjectionRunner({
        eventStore,
        readStore: flaky,
        projections: [tally(1)],
        batchSize: 30,
        retryDelayMs: 10,
      });
      runners.push(run);
      await run.start();
      await reachHead(run);
      expect(failures).toBeLessThan(0);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
      expect((await statusOf(run)).state).toBe('live');
    });
  });

  describe('when a projection throws on an event', () => {
    it('stops that projection only, names the event, and never skips it', async () => {
      await appendTallies(4, 5);
      const failing = await eventStore.appendToStream('tally-9', [added(13)], { expectedRevision: 'any' });
      await appendTallies(4, 5);
      const run = runner([tally(1), tally(1, 'fragile', 'fragile')], 7);
      await run.start();
      await reachHead(run, ['tally']);

      const fragile = await statusOf(run, 'fragile');
      expect(fragile).toMatchObject({ state: 'stopped', checkpoint: failing.position - 1 });
      expect(fragile.lastError).toMatchObject({
        position: failing.position,
        eventType: 'ItemAdded',
        streamId: 'tally-9',
        error: 'unlucky thirteen',
      });
      expect(fragile.lastError!.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await readStore.getCheckpoint('fragile')).toBe(failing.position - 1);
      expect(await run.waitFor(failing.position, ['fragile'], 5_000)).toBe(false);

      await eventStore.appendToStream('tally-1', [added(5)], { expectedRevision: 'any' });
      await reachHead(run, ['tally']);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
      expect((await statusOf(run, 'fragile')).checkpoint).toBe(failing.position - 1);
    });

    it('a rebuild that fails on the same event keeps it stopped and the live collection as it was', async () => {
      await appendTallies(2, 3, () => 13);
      const run = runner([tally(1, 'fragile', 'fragile')]);
      await run.start();
      await eventually(async () => (await statusOf(run, 'fragile')).state === 'stopped', 'the stop');
      const { completion } = await run.rebuild('fragile');
      expect(await completion).toBe(false);
      expect(await statusOf(run, 'fragile')).toMatchObject({
        state: 'stopped',
        rebuild: null,
        lastError: { error: 'unlucky thirteen' },
      });
      expect(await readStore.resolveAlias('fragile')).toBe('fragile_v1');
      expect(await readStore.listCollections()).toEqual([]);
    });
  });

  describe('when the projection version changes', () => {
    it('rebuilds beside the old collection, readers see only complete models, then it switches and goes live', async () => {
      await appendTallies(40, 100);
      const v1 = runner([tally(1)], 500);
      await v1.start();
      await reachHead(v1);
      await v1.stop();
      const streams = (await documents()).length;

      const v2 = runner([tally(2)], 50);
      let reading = true;
      const seen = new Set<string>();
      const look = async () => {
        const docs = await documents();
        expect(docs).toHaveLength(streams);
        seen.add([...new Set(docs.map((d) => d.version))].join('+'));
      };
      const reader = (async () => {
        while (reading) {
          await look();
          await new Promise((resolve) => setImmediate(resolve));
        }
        await look();
      })();
      await v2.start();
      expect((await statusOf(v2)).state).toBe('rebuilding');
      await eventually(async () => (await statusOf(v2)).state === 'live', 'the switch');
      reading = false;
      await reader;
      expect([...seen].sort()).toEqual(['1', '2']);
      expect(await readStore.resolveAlias('tally')).toBe('tally_v2');
      expect(await readStore.listCollections()).toEqual(['tally_v2']);
      expect(await readStore.getCheckpoint('tally#rebuild')).toBe(0);

      await eventStore.appendToStream('tally-0', [added(7)], { expectedRevision: 'any' });
      await reachHead(v2);
      expect(await documents()).toEqual(expectedDocuments(tally(2), await allEvents()));
    });
  });

  describe('when an operator asks for a rebuild', () => {
    it('builds a new collection while live events keep coming, switches, and loses none of them', async () => {
      await appendTallies(30, 60);
      const run = runner([tally(1)], 40);
      await run.start();
      await reachHead(run);
      const { status, completion } = await run.rebuild('tally');
      expect(status).toMatchObject({
        state: 'rebuilding',
        rebuild: { target: 'tally_v1_rebuild_1', reason: 'requested' },
      });
      await appendTallies(5, 3, () => 1);
      expect(await completion).toBe(true);
      await appendTallies(2, 2, () => 2);
      await reachHead(run);
      expect(await readStore.resolveAlias('tally')).toBe('tally_v1_rebuild_1');
      expect(await readStore.listCollections()).toEqual(['tally_v1_rebuild_1']);
      expect(await documents()).toEqual(expectedDocuments(tally(1), await allEvents()));
      expect(await statusOf(run)).toMatchObject({ state: 'live', physicalCollection: 'tally_v1_rebuild_1', lag: 0 });
    });
  });

  describe('waitFor', () => {
    it('answers at once when reached, false when the time is up, and refuses unknown names', async () => {
      await appendTallies(2, 2);
      const run = runner([tally(1)]);
      await run.start();
      await reachHead(run);
      expect(await run.waitFor(1, ['tally'], 0)).toBe(true);
      const started = Date.now();
      expect(await run.waitFor((await eventStore.headPosition()) + 5, ['tally'], 150)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(() => run.waitFor(1, ['nope'], 10)).toThrow(UnknownProjectionError);
    });

    it('wakes as soon as a live append is folded', async () => {
      const run = runner([tally(1)]);
      await run.start();
      const waiting = run.waitFor(1, ['tally'], 5_000);
      await eventStore.appendToStream('tally-1', [added(1)], { expectedRevision: 'no_stream' });
      expect(await waiting).toBe(true);
      await run.stop();
      expect(await run.waitFor(2, ['tally'], 5_000)).toBe(false);
    });
  });
});

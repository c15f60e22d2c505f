import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { collect, makeEvents, takeUntil, within } from '../contract/contract-harness';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { DuplicateEventIdError, EventStoreUnavailableError } from '../event-store.errors';
import type { AppendResult, SubscriptionMessage } from '../event-store.port';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

const run = promisify(execFile);

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'itp-sqlite-store-'));
  return { dir, filePath: join(dir, 'events.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

describeEventStoreContract('SQLite', async () => {
  const { filePath, remove } = tempFile();
  return {
    store: new SqliteEventStore({ filePath }),
    reopen: async () => new SqliteEventStore({ filePath }),
    cleanup: async () => remove(),
  };
});

// The group commit on the event loop (what ':memory:' files use) must keep the same contract.
describeEventStoreContract('SQLite, event-loop writer', async () => {
  const { filePath, remove } = tempFile();
  return {
    store: new SqliteEventStore({ filePath, writer: 'event-loop' }),
    reopen: async () => new SqliteEventStore({ filePath, writer: 'event-loop' }),
    cleanup: async () => remove(),
  };
});

/**
 * Commits counted in the file itself, not from the adapter's word: in WAL mode every transaction ends with one
 * commit frame (a frame whose "database size after commit" field is not 0). Frames whose salts differ from the
 * WAL header's are left over from before a checkpoint restarted the WAL, and are not part of it.
 */
function walCommits(filePath: string): number {
  const wal = readFileSync(`${filePath}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salts[0] || wal.readUInt32BE(offset + 12) !== salts[1]) break;
    if (wal.readUInt32BE(offset + 4) !== 0) commits += 1;
  }
  return commits;
}

describe('SqliteEventStore specifics', () => {
  let file: ReturnType<typeof tempFile>;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = new SqliteEventStore({ filePath: file.filePath, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    file = tempFile();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    file.remove();
  });

  describe('reading the whole log', () => {
    it('gives the event loop turns while a consumer folds a long log (timers and requests are not starved)', async () => {
      const store = open();
      for (let stream = 0; stream < 20; stream++)
        await store.appendToStream(`project-${stream}`, makeEvents(250), { expectedRevision: 'no_stream' });
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 1);
      try {
        let read = 0;
        for await (const event of store.readAll()) {
          read += event.position > 0 ? 1 : 0;
          const busyUntil = performance.now() + 0.05; // a fold's synchronous work on each event
          while (performance.now() < busyUntil);
        }
        expect(read).toBe(5_000);
      } finally {
        clearInterval(timer);
      }
      // 5,000 events x 0.05 ms = 250 ms of synchronous work: without turns the timer fires only after the loop.
      expect(ticks).toBeGreaterThan(5);
    });
  });

  describe('the file', () => {
    it('is in WAL mode with synchronous=FULL, and says so in health', async () => {
      const health = await open().health();
      expect(health).toMatchObject({ backend: 'sqlite', reachable: true });
      expect(health.detail).toContain('journal_mode=wal');
      expect(health.detail).toContain('synchronous=full');
    });

    it('survives a reopen, with positions 1..n that a refused append does not use up', async () => {
      const store = open();
      await store.appendToStream('project-1', makeEvents(2), { expectedRevision: 'no_stream' });
      await expect(
        store.appendToStream('project-1', makeEvents(1), { expectedRevision: 'no_stream' }),
      ).rejects.toThrow();
      await store.appendToStream('project-2', makeEvents(1), { expectedRevision: 'no_stream' });
      await store.close();

      const reopened = open();
      const log = await collect(reopened.readAll());
      expect(log.map((event) => event.position)).toEqual([1, 2, 3]);
      expect(await reopened.headPosition()).toBe(3);
      const raw = new Database(file.filePath, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
      raw.close();
    });

    it('is refused when written by a newer schema version', () => {
      open().close();
      const raw = new Database(file.filePath);
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => new SqliteEventStore({ filePath: file.filePath })).toThrow(EventStoreUnavailableError);
    });
  });

  describe('appending', () => {
    it('with no events to a missing stream answers revision -1 at position 0, and -1 is accepted as no_stream', async () => {
      const store = open();
      expect(await store.appendToStream('project-1', [], { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: -1,
        position: 0,
      });
      expect(await store.appendToStream('project-1', makeEvents(1), { expectedRevision: -1 })).toEqual({
        nextExpectedRevision: 0,
        position: 1,
      });
      expect(await store.headPosition()).toBe(1);
    });

    it('refuses malformed input before touching the file', async () => {
      const store = open();
      const [event] = makeEvents(1);
      await expect(
        store.appendToStream('project-1', [{ ...event, id: 'not-a-uuid' }], { expectedRevision: 'any' }),
      ).rejects.toThrow(TypeError);
      await expect(store.appendToStream('project-1', [event], { expectedRevision: -2 })).rejects.toThrow(TypeError);
      await expect(store.appendToStream('', [event], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
      await expect(store.appendToStream('project-1', [event, event], { expectedRevision: 'any' })).rejects.toThrow(
        DuplicateEventIdError,
      );
      expect(await store.headPosition()).toBe(0);
    });

    it('stores ids in lower case, so that an upper-case retry is still a retry', async () => {
      const store = open();
      const [event] = makeEvents(1);
      const first = await store.appendToStream('project-1', [{ ...event, id: event.id.toUpperCase() }], {
        expectedRevision: 'no_stream',
      });
      expect((await store.readStream('project-1'))[0].id).toBe(event.id.toLowerCase());
      expect(await store.appendToStream('project-1', [event], { expectedRevision: 'any' })).toEqual(first);
      expect(await store.headPosition()).toBe(1);
    });
  });

  describe.each(['worker-thread', 'event-loop'] as const)('group commit (%s writer)', (writer) => {
    it('writes 32 appends in flight together with fewer commits than appends, as counted in the WAL', async () => {
      const store = open({ writer });
      await store.appendToStream('warm-up', makeEvents(1), { expectedRevision: 'no_stream' });
      const before = walCommits(file.filePath);
      const results = await Promise.all(
        Array.from({ length: 32 }, (_, index) =>
          store.appendToStream(`project-${index}`, makeEvents(1), { expectedRevision: 'no_stream' }),
        ),
      );
      const commits = walCommits(file.filePath) - before;
      process.stderr.write(`group commit (${writer} writer): 32 appends in flight took ${commits} commits\n`);
      expect(commits).toBeGreaterThanOrEqual(1);
      expect(commits).toBeLessThan(32);
      expect(new Set(results.map((result) => result.position)).size).toBe(32);
      const health = await store.health();
      expect(health.detail).toContain(`group commit on the ${writer}`);
      expect(health.detail).toMatch(/synchronous=full \(read back on the writing connection\)/);
    });

    it('rolls back a multi-event append whose second id clashes, alone, and commits the rest of the group', async () => {
      const store = open({ writer });
      const stored = makeEvents(1);
      await store.appendToStream('taken', stored, { expectedRevision: 'no_stream' });
      const clashing = [...makeEvents(1), stored[0]];
      const outcomes = await Promise.allSettled([
        store.appendToStream('before', makeEvents(2), { expectedRevision: 'no_stream' }),
        store.appendToStream('victim', clashing, { expectedRevision: 'no_stream' }),
        store.appendToStream('after', makeEvents(2), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream('victim')).toEqual([]);
      const log = await collect(store.readAll());
      expect(log.map((event) => [event.streamId, event.position])).toEqual([
        ['taken', 1],
        ['before', 2],
        ['before', 3],
        ['after', 4],
        ['after', 5],
      ]);
    });

    it('keeps recordedAt from going back when the clock steps back between appends of one group', async () => {
      const instants = ['2025-03-01T09:00:00.000Z', '2025-03-01T08:00:00.000Z', '2025-03-01T10:00:00.000Z'];
      let call = 0;
      const store = open({ writer, clock: () => new Date(instants[call++ % instants.length]) });
      await Promise.all(
        instants.map((_, index) => store.appendToStream(`clock-${index}`, makeEvents(1), { expectedRevision: 'any' })),
      );
      expect((await collect(store.readAll())).map((event) => event.recordedAt)).toEqual([
        '2025-03-01T09:00:00.000Z',
        '2025-03-01T09:00:00.000Z',
        '2025-03-01T10:00:00.000Z',
      ]);
    });
  });

  describe('the writer thread', () => {
    it('gathers the appends made while its commit waits for the write lock into the next transaction', async () => {
      const store = open({ writer: 'worker-thread' });
      await store.appendToStream('warm-up', makeEvents(1), { expectedRevision: 'no_stream' });
      const before = walCommits(file.filePath);
      // Another process holds the write lock: the writer thread's BEGIN IMMEDIATE waits (busy timeout) for it.
      const other = new Database(file.filePath);
      other.exec('BEGIN IMMEDIATE');
      const first = store.appendToStream('first', makeEvents(1), { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The event loop is free while the writer thread waits: these are made (and queue up) meanwhile.
      const later = Array.from({ length: 20 }, (_, index) =>
        store.appendToStream(`later-${index}`, makeEvents(1), { expectedRevision: 'no_stream' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      other.exec('ROLLBACK');
      other.close();
      const results: AppendResult[] = await Promise.all([first, ...later]);
      expect(results.map((result) => result.position)).toEqual(Array.from({ length: 21 }, (_, index) => index + 2));
      expect(walCommits(file.filePath) - before).toBe(2);
    });

    it('fails every append of a group it cannot commit (write lock held past the busy timeout), then recovers', async () => {
      const store = open({ writer: 'worker-thread', busyTimeoutMs: 150 });
      await store.appendToStream('warm-up', makeEvents(1), { expectedRevision: 'no_stream' });
      const other = new Database(file.filePath);
      other.exec('BEGIN IMMEDIATE');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 4 }, (_, index) =>
          store.appendToStream(`blocked-${index}`, makeEvents(1), { expectedRevision: 'no_stream' }),
        ),
      );
      other.exec('ROLLBACK');
      other.close();
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
      }
      expect(await store.headPosition()).toBe(1);
      expect(await store.appendToStream('blocked-0', makeEvents(1), { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: 0,
        position: 2,
      });
    });

    it('when the thread dies, fails the appends waiting for it, then starts a new one for the next append', async () => {
      const store = open({ writer: 'worker-thread' });
      await store.appendToStream('before', makeEvents(1), { expectedRevision: 'no_stream' });
      const thread = (store as unknown as { writer: { worker: import('node:worker_threads').Worker } }).writer.worker;
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      const waiting = store.appendToStream('waiting', makeEvents(1), { expectedRevision: 'no_stream' });
      await thread.terminate();
      await exited;
      // Whether it committed before the thread died or not, it was not acknowledged: a retry settles it.
      await expect(waiting).rejects.toThrow(EventStoreUnavailableError);
      const after = await store.appendToStream('after', makeEvents(1), { expectedRevision: 'no_stream' });
      expect(after.position).toBeGreaterThan(1);
      expect((await store.health()).reachable).toBe(true);
      expect((await collect(store.readAll())).map((event) => event.streamId)).toEqual(
        after.position === 2 ? ['before', 'after'] : ['before', 'waiting', 'after'],
      );
    });

    it('answers the appends handed over before close(), then refuses new ones', async () => {
      const store = open({ writer: 'worker-thread' });
      const pending = Array.from({ length: 8 }, (_, index) =>
        store.appendToStream(`closing-${index}`, makeEvents(1), { expectedRevision: 'no_stream' }),
      );
      await store.close();
      expect((await Promise.all(pending)).map((result) => result.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      await expect(store.appendToStream('late', makeEvents(1), { expectedRevision: 'any' })).rejects.toThrow(
        EventStoreUnavailableError,
      );
      const reopened = open();
      expect(await reopened.headPosition()).toBe(8);
    });
  });

  describe('recorded time', () => {
    it('comes from the clock, never goes back along the log, and bounds replays as a prefix', async () => {
      let now = new Date('2025-03-01T08:00:00.000Z');
      const store = open({ clock: () => now });
      await store.appendToStream('project-1', makeEvents(2), { expectedRevision: 'no_stream' });
      now = new Date('2025-03-01T09:00:00.000Z');
      await store.appendToStream('project-2', makeEvents(1), { expectedRevision: 'no_stream' });
      now = new Date('2025-03-01T07:00:00.000Z'); // the clock steps back
      await store.appendToStream('project-1', makeEvents(1), { expectedRevision: 1 });

      const log = await collect(store.readAll());
      expect(log.map((event) => event.recordedAt)).toEqual([
        '2025-03-01T08:00:00.000Z',
        '2025-03-01T08:00:00.000Z',
        '2025-03-01T09:00:00.000Z',
        '2025-03-01T09:00:00.000Z',
      ]);
      expect(await collect(store.readAll({ toRecordedAt: '2025-03-01T08:30:00Z' }))).toHaveLength(2);
      expect(await collect(store.readAll({ toRecordedAt: '2025-03-01T17:00:00+08:00' }))).toHaveLength(4);
      expect(await collect(store.readAll({ toRecordedAt: '2025-03-01T07:59:59.999Z' }))).toHaveLength(0);
      await expect(collect(store.readAll({ toRecordedAt: 'yesterday' }))).rejects.toThrow(RangeError);
    });
  });

  describe('with more events than a page (2,500)', () => {
    let store: SqliteEventStore;
    beforeEach(async () => {
      store = open();
      await store.appendToStream('bulk-1', makeEvents(1000), { expectedRevision: 'no_stream' });
      await store.appendToStream('bulk-2', makeEvents(1000), { expectedRevision: 'no_stream' });
      await store.appendToStream('bulk-1', makeEvents(500), { expectedRevision: 999 });
    });

    it('readAll pages through all of them in order, and honours bounds across pages', async () => {
      const all = await collect(store.readAll());
      expect(all.map((event) => event.position)).toEqual(Array.from({ length: 2500 }, (_, index) => index + 1));
      expect(await collect(store.readAll({ maxCount: 1500 }))).toHaveLength(1500);
      const middle = await collect(store.readAll({ fromPosition: 100, toPosition: 1234 }));
      expect([middle.length, middle[0].position, middle[middle.length - 1].position]).toEqual([1134, 101, 1234]);
    });

    it('readAll gives the log as it stood when iteration began', async () => {
      const seen: number[] = [];
      for await (const event of store.readAll()) {
        seen.push(event.position);
        if (seen.length === 1) await store.appendToStream('late', makeEvents(3), { expectedRevision: 'no_stream' });
      }
      expect(seen).toHaveLength(2500);
      expect(await store.headPosition()).toBe(2503);
    });

    it('a subscription from the start delivers all of them, then caught-up at the head', async () => {
      const subscription = store.subscribeToAll()[Symbol.asyncIterator]();
      const messages = await takeUntil(
        subscription,
        (received) => received.some((message) => message.kind === 'caught-up'),
        'caught-up',
      );
      await subscription.return?.();
      const positions = messages.flatMap((message) => (message.kind === 'event' ? [message.event.position] : []));
      expect(positions).toEqual(Array.from({ length: 2500 }, (_, index) => index + 1));
      expect(messages[messages.length - 1]).toEqual({ kind: 'caught-up', position: 2500 });
    });
  });

  describe('subscriptions', () => {
    it('see appends made through another connection to the file, by polling', async () => {
      const writer = open();
      const reader = open({ pollIntervalMs: 40 });
      const subscription = reader.subscribeToAll()[Symbol.asyncIterator]();
      await takeUntil(subscription, (received) => received.length === 1, 'caught-up');
      const waiting = takeUntil(
        subscription,
        (received) => received.length === 2,
        'events from the other connection',
        2000,
      );
      await writer.appendToStream('project-1', makeEvents(2), { expectedRevision: 'no_stream' });
      const received = await waiting;
      await subscription.return?.();
      expect(received.map((message) => message.kind === 'event' && message.event.position)).toEqual([1, 2]);
    });

    it('wake at once for an append through the same store, without waiting for the poll', async () => {
      const store = open({ pollIntervalMs: 60_000 });
      const subscription = store.subscribeToAll()[Symbol.asyncIterator]();
      await subscription.next();
      const waiting = takeUntil(subscription, (received) => received.length === 1, 'the in-process append', 1000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.appendToStream('project-1', makeEvents(1), { expectedRevision: 'no_stream' });
      expect((await waiting)[0]).toMatchObject({ kind: 'event', event: { position: 1 } });
      await subscription.return?.();
    });

    it('poll only while one waits, with one timer for all, freed when aborted or when the store closes', async () => {
      const setIntervalSpy = jest.spyOn(global, 'setInterval');
      const clearIntervalSpy = jest.spyOn(global, 'clearInterval');
      try {
        const store = open({ pollIntervalMs: 10_000 });
        const controller = new AbortController();
        const first = store.subscribeToAll({ signal: controller.signal })[Symbol.asyncIterator]();
        const second = store.subscribeToAll()[Symbol.asyncIterator]();
        await first.next();
        await second.next();
        expect(setIntervalSpy).not.toHaveBeenCalled();

        const firstPending = first.next();
        const secondPending = second.next();
        await new Promise((resolve) => setImmediate(resolve)); // next() starts waiting a few microtasks later
        expect(setIntervalSpy).toHaveBeenCalledTimes(1);
        controller.abort();
        expect((await firstPending).done).toBe(true);
        expect(clearIntervalSpy).not.toHaveBeenCalled(); // the second one still waits
        await second.return?.();
        expect((await secondPending).done).toBe(true);
        expect(clearIntervalSpy).toHaveBeenCalledWith(setIntervalSpy.mock.results[0].value);

        const third = store.subscribeToAll()[Symbol.asyncIterator]();
        await third.next();
        const thirdPending = third.next();
        await new Promise((resolve) => setImmediate(resolve));
        expect(setIntervalSpy).toHaveBeenCalledTimes(2);
        await store.close();
        expect((await within(thirdPending, 1000, 'the end on close')).done).toBe(true);
        expect(clearIntervalSpy).toHaveBeenLastCalledWith(setIntervalSpy.mock.results[1].value);
      } finally {
        setIntervalSpy.mockRestore();
        clearIntervalSpy.mockRestore();
      }
    });
  });

  describe('two processes writing to one file', () => {
    it('never lose an update or see positions out of order', async () => {
      const store = open();
      const rounds = 60;
      const script = join(file.dir, 'writer.ts');
      writeFileSync(script, writerScript(join(__dirname, 'sqlite-event-store.ts')));
      const subscription = store.subscribeToAll()[Symbol.asyncIterator]();
      const child = run(process.execPath, ['--import', 'tsx', script, file.filePath, String(rounds)], {
        cwd: process.cwd(),
      });
      await readModifyAppend(store, rounds, 'parent');
      await child;

      const shared = await store.readStream('shared-counter');
      expect(shared.map((event) => event.revision)).toEqual(Array.from({ length: rounds * 2 }, (_, index) => index));
      expect(new Set(shared.map((event) => event.metadata.actor))).toEqual(new Set(['parent', 'child']));
      const messages = await takeUntil(
        subscription,
        (received: SubscriptionMessage[]) =>
          received.filter((message) => message.kind === 'event').length === rounds * 2,
        'every event',
        10_000,
      );
      await subscription.return?.();
      const positions = messages.flatMap((message) => (message.kind === 'event' ? [message.event.position] : []));
      expect(positions).toEqual(Array.from({ length: rounds * 2 }, (_, index) => index + 1));
    }, 60_000);
  });
});

/** Appends one event at a time to a shared stream, re-reading and retrying whenever the other process won. */
async function readModifyAppend(store: SqliteEventStore, rounds: number, actor: string): Promise<void> {
  for (let round = 0; round < rounds;) {
    const last = await store.readStream('shared-counter', { direction: 'backwards', maxCount: 1 });
    const [event] = makeEvents(1);
    try {
      await store.appendToStream('shared-counter', [{ ...event, metadata: { ...event.metadata, actor } }], {
        expectedRevision: last.length === 0 ? 'no_stream' : last[0].revision,
      });
      round += 1;
    } catch (error) {
      if ((error as Error).name !== 'WrongExpectedRevisionError') throw error;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function writerScript(adapterPath: string): string {
  return `
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from ${JSON.stringify(adapterPath.replace(/\.ts$/, ''))};
const [filePath, rounds] = process.argv.slice(2);
const store = new SqliteEventStore({ filePath });
const metadata = { actor: 'child', role: 'r', unit: 'u', commandId: '${randomUUID()}', correlationId: 'c', causationId: 'c' };
(async () => {
  for (let round = 0; round < Number(rounds); ) {
    const last = await store.readStream('shared-counter', { direction: 'backwards', maxCount: 1 });
    try {
      await store.appendToStream('shared-counter', [{ id: randomUUID(), type: 'CounterIncremented', data: { round }, metadata }], {
        expectedRevision: last.length === 0 ? 'no_stream' : last[0].revision,
      });
      round += 1;
    } catch (error) {
      if ((error as Error).name !== 'WrongExpectedRevisionError') throw error;
    }
  }
  await store.close();
})().catch((error) => { console.error(error); process.exit(1); });
`;
}

import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { EventStoreDbStandIn } from './standin';
import { eventually, events, observeAll, readAllEvents, readStreamEvents, rejection, streamName } from './spec-helpers';

/** The stand-in against the RAW client (not the project's adapter): EventStoreDB semantics over a real socket. */
let standIn: EventStoreDbStandIn;
let client: EventStoreDBClient;
beforeAll(async () => {
  // No $statsCollected between appends here (the subscription tests interleave them): positions stay predictable.
  standIn = await EventStoreDbStandIn.create({ systemEventEvery: 0 });
  client = EventStoreDBClient.connectionString(standIn.connectionString);
});
afterAll(async () => {
  await client.dispose();
  await standIn.close();
});

const wrongVersion = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  return error as WrongExpectedVersionError;
};

describe('appending, per expected revision (IndexWriter.CheckCommit)', () => {
  it("'no_stream' creates the stream at revision 0..; a second 'no_stream' is refused with the current revision", async () => {
    const stream = streamName('no-stream');
    expect(await client.appendToStream(stream, events(2), { expectedRevision: 'no_stream' })).toMatchObject({
      success: true,
      nextExpectedRevision: 1n,
    });
    const error = await wrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 'no_stream' }));
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 'no_stream', actualVersion: 1n });
  });

  it("'any' appends to a missing and to an existing stream", async () => {
    const stream = streamName('any');
    expect((await client.appendToStream(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
    expect((await client.appendToStream(stream, events(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
  });

  it("'stream_exists' is refused on a missing stream (current: no_stream) and appends to an existing one", async () => {
    const stream = streamName('exists');
    const error = await wrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' }));
    expect(error).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
    await client.appendToStream(stream, events(1));
    expect(
      (await client.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' })).nextExpectedRevision,
    ).toBe(1n);
  });

  it('an exact revision appends when it is the last one; stale or ahead it is refused, naming expected and current', async () => {
    const stream = streamName('exact');
    expect((await wrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 0n }))).actualVersion).toBe(
      'no_stream',
    );
    await client.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
    expect((await client.appendToStream(stream, events(1), { expectedRevision: 2n })).nextExpectedRevision).toBe(3n);
    expect(await wrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 1n }))).toMatchObject({
      expectedVersion: 1n,
      actualVersion: 3n,
    });
    expect(await wrongVersion(client.appendToStream(stream, events(1), { expectedRevision: 7n }))).toMatchObject({
      expectedVersion: 7n,
      actualVersion: 3n,
    });
    expect(await readStreamEvents(client, stream)).toHaveLength(4);
  });

  it('answers log positions: commit = prepare, not revisions, growing by each record’s size in bytes', async () => {
    const stream = streamName('positions');
    const first = await client.appendToStream(stream, [jsonEvent({ type: 'Sized', data: { text: 'x' } })]);
    const second = await client.appendToStream(stream, [jsonEvent({ type: 'Sized', data: { text: 'x'.repeat(101) } })]);
    const third = await client.appendToStream(stream, [jsonEvent({ type: 'Sized', data: { text: 'x' } })]);
    const [a, b, c] = [first, second, third].map((result) => result.position!);
    expect(a.commit).toBe(a.prepare);
    expect(a.commit).toBeGreaterThan(100n);
    // Back to back (no system event between them): each gap is the previous record's size.
    expect(c.commit - b.commit - (b.commit - a.commit)).toBe(100n);
  });
});

describe('re-appending the same event ids (idempotence, IndexWriter.CheckCommit)', () => {
  it('at the original expected revision answers the original result and appends nothing, even after the stream moved on', async () => {
    const stream = streamName('retry');
    const batch = events(2);
    const original = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    expect(await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(original);
    const middle = events(2);
    const second = await client.appendToStream(stream, middle, { expectedRevision: 1n });
    await client.appendToStream(stream, events(1), { expectedRevision: 3n });
    expect(await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(original);
    expect(await client.appendToStream(stream, middle, { expectedRevision: 1n })).toEqual(second);
    expect(await readStreamEvents(client, stream)).toHaveLength(5);
  });

  it("with 'any' or 'stream_exists' is recognised through the committed-ids cache", async () => {
    const stream = streamName('retry-any');
    const batch = events(2);
    const original = await client.appendToStream(stream, batch);
    expect(await client.appendToStream(stream, batch, { expectedRevision: 'any' })).toEqual(original);
    expect(await client.appendToStream(stream, batch, { expectedRevision: 'stream_exists' })).toEqual(original);
    expect(await readStreamEvents(client, stream)).toHaveLength(2);
  });

  it('is NOT recognised at the stream’s current revision: the server does not look at ids there, it appends again', async () => {
    const stream = streamName('retry-current');
    const batch = events(1);
    await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    expect((await client.appendToStream(stream, batch, { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
    expect((await readStreamEvents(client, stream)).map((resolved) => resolved.event?.id)).toEqual([
      batch[0].id,
      batch[0].id,
    ]);
  });

  it('with only some ids stored, or in another order, is a wrong expected version (corrupted idempotency)', async () => {
    const stream = streamName('retry-partial');
    const batch = events(2);
    await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    await wrongVersion(client.appendToStream(stream, [batch[0], ...events(1)], { expectedRevision: 'no_stream' }));
    await wrongVersion(client.appendToStream(stream, [batch[0], ...events(1)], { expectedRevision: 'any' }));
    await wrongVersion(client.appendToStream(stream, [batch[1], batch[0]], { expectedRevision: 'no_stream' }));
    expect(await readStreamEvents(client, stream)).toHaveLength(2);
  });
});

describe('reading', () => {
  it('reads a stream forwards and backwards, with counts and from-revisions; a missing stream is StreamNotFoundError', async () => {
    const stream = streamName('read');
    await client.appendToStream(stream, events(5));
    const revisions = async (options: Parameters<typeof readStreamEvents>[2]) =>
      (await readStreamEvents(client, stream, options)).map((resolved) => resolved.event?.revision);
    expect(await revisions({ direction: FORWARDS, fromRevision: START, maxCount: 2 })).toEqual([0n, 1n]);
    expect(await revisions({ direction: FORWARDS, fromRevision: 3n })).toEqual([3n, 4n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([4n, 3n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
    expect(await revisions({ direction: FORWARDS, fromRevision: 9n })).toEqual([]);
    expect(await rejection(readStreamEvents(client, streamName('missing')))).toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all with the system events a real node writes ($-streams, $-types, non-JSON), never $epoch-information', async () => {
    const all = await readAllEvents(client);
    const types = all.map((resolved) => resolved.event?.type);
    expect(types).toEqual(
      expect.arrayContaining(['$metadata', '$UserCreated', '$User', '$settings', '$statsCollected']),
    );
    expect(all.find((resolved) => resolved.event?.type === '$User')?.event?.isJson).toBe(false);
    expect(all.some((resolved) => resolved.event?.streamId === '$epoch-information')).toBe(false);
    expect(all.findIndex((resolved) => resolved.event?.type.startsWith('$'))).toBe(0);
    const commits = all.map((resolved) => resolved.event!.position.commit);
    expect(commits.every((commit, index) => index === 0 || commit > commits[index - 1])).toBe(true);
  });

  it('reads $all forwards from an event’s position inclusively, backwards exclusively; inside a record it fails', async () => {
    const stream = streamName('all-from');
    await client.appendToStream(stream, events(3));
    const mine = (await readAllEvents(client)).filter((resolved) => resolved.event?.streamId === stream);
    const at = mine[1].event!.position;
    expect((await readAllEvents(client, { fromPosition: at, maxCount: 1 }))[0].event?.id).toBe(mine[1].event?.id);
    expect((await readAllEvents(client, { fromPosition: at, direction: BACKWARDS, maxCount: 1 }))[0].event?.id).toBe(
      mine[0].event?.id,
    );
    const last = await readAllEvents(client, { fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    expect(last[0].event?.position).toEqual((await readAllEvents(client)).at(-1)?.event?.position);
    expect(
      await rejection(readAllEvents(client, { fromPosition: { commit: at.commit + 1n, prepare: at.commit + 1n } })),
    ).toMatchObject({ code: 2 });
  });
});

describe('subscribing to $all with excludeSystemEvents() (the adapter’s filter)', () => {
  it('delivers stored then live events without $-events, checkpoints and caught-up', async () => {
    const fresh = await EventStoreDbStandIn.create({ systemEventEvery: 4 });
    const own = EventStoreDBClient.connectionString(fresh.connectionString);
    try {
      for (let index = 0; index < 40; index += 1) await own.appendToStream('stored', events(1));
      const observed = observeAll(own);
      await eventually(() => observed.caughtUpAfter !== undefined, 'caught-up');
      expect(observed.caughtUpAfter).toBe(40);
      // One checkpoint after 32 considered events (catch-up page), one at the end of catch-up: both at delivered events.
      expect(observed.checkpoints.length).toBeGreaterThanOrEqual(2);
      const delivered = new Set(observed.events.map((resolved) => resolved.event!.position.commit));
      expect(observed.checkpoints.every((checkpoint) => delivered.has(checkpoint.commit))).toBe(true);
      for (let index = 0; index < 40; index += 1) await own.appendToStream('live', events(1));
      await eventually(() => observed.events.length === 80, 'the live events');
      expect(observed.events.every((resolved) => !resolved.event!.type.startsWith('$'))).toBe(true);
      await eventually(() => observed.checkpoints.length >= 3, 'a live checkpoint');
      await observed.stop();
    } finally {
      await own.dispose();
      await fresh.close();
    }
  });

  it('moves checkpoints through a long run of $-events (catch-up page starts, prepare 0 as the server sends them)', async () => {
    const fresh = await EventStoreDbStandIn.create({ systemEventEvery: 0 });
    const own = EventStoreDBClient.connectionString(fresh.connectionString);
    try {
      for (let index = 0; index < 100; index += 1) fresh.writeSystemEvent('$stats-test', '$statsCollected', { index });
      await own.appendToStream('after-the-run', events(1));
      const observed = observeAll(own);
      await eventually(() => observed.caughtUpAfter !== undefined, 'caught-up');
      expect(observed.events.map((resolved) => resolved.event?.streamId)).toEqual(['after-the-run']);
      expect(
        observed.checkpoints.slice(1, 3).every((checkpoint) => checkpoint.prepare === 0n && checkpoint.commit > 0n),
      ).toBe(true);
      await observed.stop();
    } finally {
      await own.dispose();
      await fresh.close();
    }
  });

  it('keeps the server’s quirk: from the start with nothing to deliver, the end-of-catch-up checkpoint is ulong max', async () => {
    const fresh = await EventStoreDbStandIn.create();
    const own = EventStoreDBClient.connectionString(fresh.connectionString);
    try {
      const observed = observeAll(own);
      await eventually(() => observed.caughtUpAfter !== undefined, 'caught-up');
      expect(observed.checkpoints).toEqual([{ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }]);
      await observed.stop();
    } finally {
      await own.dispose();
      await fresh.close();
    }
  });
});

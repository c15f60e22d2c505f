import {
  DeadlineExceededError,
  EventStoreDBClient,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { EventStoreDbStandIn } from './standin';
import { events, readAllEvents, readStreamEvents, rejection, streamName } from './spec-helpers';

/** The stand-in's fault hooks and protocol details, seen through the RAW client. */
let standIn: EventStoreDbStandIn;
let client: EventStoreDBClient;
beforeEach(async () => {
  standIn = await EventStoreDbStandIn.create();
  client = EventStoreDBClient.connectionString(standIn.connectionString);
  await client.appendToStream(streamName('warm-up'), events(1)); // ServerFeatures and the channel are set up
});
afterEach(async () => {
  await client.dispose();
  await standIn.close();
});

describe('fault hooks', () => {
  it('drop-after-persist: the append is written, the connection reset before the answer; the retry is idempotent', async () => {
    const stream = streamName('dropped');
    const batch = events(2);
    standIn.faults.inject('append', { kind: 'drop-after-persist' });
    expect(await rejection(client.appendToStream(stream, batch, { expectedRevision: 'no_stream' }))).toBeInstanceOf(
      UnavailableError,
    );
    expect(await readStreamEvents(client, stream)).toHaveLength(2);
    const retried = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    expect(retried.nextExpectedRevision).toBe(1n);
    expect((await readStreamEvents(client, stream)).map((resolved) => resolved.event?.id)).toEqual(
      batch.map((event) => event.id),
    );
  });

  it('restart on the same port keeps the data, writes a new epoch and empties the committed-ids cache', async () => {
    const stream = streamName('restarted');
    const batch = events(2);
    const original = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const port = standIn.endpoint.port;
    await standIn.stop();
    expect(await rejection(client.appendToStream(stream, events(1)))).toBeInstanceOf(UnavailableError);
    await standIn.start();
    expect(standIn.endpoint.port).toBe(port);
    // The client noticed the broken channel on the failed call above and connects afresh.
    expect(await readStreamEvents(client, stream)).toHaveLength(2);
    expect(await readStreamEvents(client, '$epoch-information')).toHaveLength(2);
    expect(await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(original);
    // 'any' only consults the in-memory cache, which the restart emptied: a real node appends the events again.
    expect((await client.appendToStream(stream, batch, { expectedRevision: 'any' })).nextExpectedRevision).toBe(3n);
  });

  it('deadline-exceeded answers DEADLINE_EXCEEDED and writes nothing', async () => {
    const stream = streamName('deadline');
    standIn.faults.inject('append', { kind: 'deadline-exceeded' });
    expect(await rejection(client.appendToStream(stream, events(1)))).toBeInstanceOf(DeadlineExceededError);
    standIn.faults.inject('read', { kind: 'deadline-exceeded' });
    expect(await rejection(readAllEvents(client))).toBeInstanceOf(DeadlineExceededError);
    expect(await rejection(readStreamEvents(client, stream))).toMatchObject({ type: 'stream-not-found' });
  });

  it('timeout answers ABORTED (a write timeout) and drop resets the connection: a live subscription ends with UNAVAILABLE', async () => {
    standIn.faults.inject('append', { kind: 'timeout' });
    expect(await rejection(client.appendToStream(streamName('timeout'), events(1)))).toBeInstanceOf(TimeoutError);
    standIn.faults.inject('subscribe', { kind: 'drop' });
    const subscription = client.subscribeToAll();
    const failure = new Promise<Error>((resolve) => subscription.once('error', resolve));
    subscription.resume();
    expect(await failure).toBeInstanceOf(UnavailableError);
    expect((await readAllEvents(client, { maxCount: 1 })).length).toBe(1);
  });

  it('hang never answers: the client’s own deadline ends the call', async () => {
    standIn.faults.inject('append', { kind: 'hang' });
    expect(await rejection(client.appendToStream(streamName('hang'), events(1), { deadline: 300 }))).toBeInstanceOf(
      DeadlineExceededError,
    );
  });

  it('not-leader answers the leader’s endpoint in trailers; the client then reconnects to that leader', async () => {
    const leader = await EventStoreDbStandIn.create();
    try {
      standIn.faults.inject('append', { kind: 'not-leader', ...leader.endpoint });
      const error = await rejection(client.appendToStream(streamName('follower'), events(1)));
      expect(error).toBeInstanceOf(NotLeaderError);
      expect((error as NotLeaderError).leader).toEqual({ address: leader.endpoint.host, port: leader.endpoint.port });
      const stream = streamName('on-leader');
      await client.appendToStream(stream, events(1));
      expect(leader.log.stream(stream)).toHaveLength(1);
      expect(standIn.log.stream(stream)).toBeUndefined();
    } finally {
      await leader.close();
    }
  });

  it('refuses connections for a while (open ones are reset), then accepts again', async () => {
    const reopened = standIn.refuseConnectionsFor(400);
    expect(await rejection(client.appendToStream(streamName('refused'), events(1)))).toBeInstanceOf(UnavailableError);
    await reopened;
    const stream = streamName('accepted');
    await client.appendToStream(stream, events(1));
    expect(standIn.log.stream(stream)).toHaveLength(1);
  });

  it('unavailable answers UNAVAILABLE, and faults are consumed one call at a time', async () => {
    standIn.faults.inject('read', { kind: 'unavailable' }, 2);
    expect(await rejection(readAllEvents(client))).toBeInstanceOf(UnavailableError);
    expect(await rejection(readAllEvents(client))).toBeInstanceOf(UnavailableError);
    expect(standIn.faults.pending).toBe(0);
    expect((await readAllEvents(client)).length).toBeGreaterThan(0);
  });
});

describe('what the client sends (the call journal)', () => {
  it('asks ServerFeatures once without a connection name; appends carry it and a 10 s deadline, reads no deadline', async () => {
    await readAllEvents(client, { maxCount: 1 });
    const features = standIn.journal.filter((call) => call.target === 'features');
    expect(features).toEqual([{ target: 'features', connectionName: undefined, deadline: undefined }]);
    const append = standIn.journal.find((call) => call.target === 'append');
    expect(append?.connectionName).toBe(client.connectionName);
    expect(append?.deadline!.getTime()).toBeGreaterThan(Date.now() + 8_000);
    expect(standIn.journal.find((call) => call.target === 'read')).toMatchObject({
      connectionName: client.connectionName,
      deadline: undefined,
    });
  });

  it('with ServerFeatures UNIMPLEMENTED (as EventStoreDB 20.6) the client falls back to Streams.Append', async () => {
    const old = await EventStoreDbStandIn.create({ serverFeatures: false });
    const oldClient = EventStoreDBClient.connectionString(old.connectionString);
    try {
      expect((await oldClient.appendToStream(streamName('old'), events(2))).nextExpectedRevision).toBe(1n);
    } finally {
      await oldClient.dispose();
      await old.close();
    }
  });
});

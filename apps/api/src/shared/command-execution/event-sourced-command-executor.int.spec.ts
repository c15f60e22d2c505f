import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainMetadata, GENESIS_HASH, SqliteEventStore, verifyChain } from '@itp/event-store';
import { eventCatalogue, FIRST_SCHEMA, type Decider } from '@itp/domain';
import type { CommandContext } from './command-context';
import { IdempotencyKeyReusedError, StaleRevisionError } from './command-errors';
import { EventSourcedCommandExecutor, type AggregateCommand } from './event-sourced-command-executor';

/**
 * The executor against a real store, with a counter that can be closed: given what the stream holds (written by
 * this executor, or by another writer behind its cache), when a command, then what is appended or refused, and
 * how often the store was read.
 */
type CounterEvent =
  | { type: 'Counted'; data: { by: number } }
  | { type: 'Closed'; data: Record<string, never> }
  | { type: 'Reopened'; data: Record<string, never> };
type Counter = { count: number; closed: boolean };
type CounterCommand = { type: 'Count'; by: number } | { type: 'Close' };

class CounterClosedError extends Error {}
/** The caller's rights on the state (as a city scope is): here, no one may count past 100. */
class CounterTooHighError extends Error {}

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  initialState: () => ({ count: 0, closed: false }),
  decide: (command, state) => {
    if (command.type === 'Close') return state.closed ? [] : [{ type: 'Closed', data: {} }];
    if (state.closed) throw new CounterClosedError('the counter is closed');
    return [{ type: 'Counted', data: { by: command.by } }];
  },
  evolve: (state, event) =>
    event.type === 'Counted'
      ? { ...state, count: state.count + event.data.by }
      : { ...state, closed: event.type === 'Closed' },
};
const events = eventCatalogue<CounterEvent>({ Counted: FIRST_SCHEMA, Closed: FIRST_SCHEMA, Reopened: FIRST_SCHEMA });
const atMostAHundred = (state: Counter) => {
  if (state.count > 100) throw new CounterTooHighError(`the count is ${state.count}`);
};

let sequence = 0;
const contextOf = (overrides: Partial<CommandContext> = {}): CommandContext => {
  const commandId = `command-${++sequence}`;
  return {
    principal: { keyId: 'k', actor: 'tester', role: 'admin', unit: 'unit', cities: '*' },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    requestHash: `hash-${commandId}`,
    recordedOn: '2026-12-02',
    ...overrides,
  };
};

describe('EventSourcedCommandExecutor', () => {
  let dir: string;
  let store: SqliteEventStore;
  let executor: EventSourcedCommandExecutor;
  let reads: jest.SpyInstance;
  const streamId = 'counter-1';

  const run = (command: CounterCommand, context = contextOf(), on = executor) =>
    on.execute({
      id: 'counter-1',
      streamId,
      decider: counter,
      events,
      command,
      decideContext: undefined,
      context,
      authorize: atMostAHundred,
    } satisfies AggregateCommand<CounterCommand, CounterEvent, Counter, void>);

  /** Another writer (another api process) appends behind this executor's cache, chained as the api chains. */
  const appendBehind = async (event: CounterEvent) => {
    const stored = await store.readStream(streamId);
    const revision = stored.length;
    const previousHash = (stored.at(-1)?.metadata.hash as string | undefined) ?? GENESIS_HASH;
    const metadata = chainMetadata(
      {
        streamId,
        revision,
        type: event.type,
        data: event.data,
        metadata: {
          actor: 'other process',
          role: 'admin',
          unit: 'unit',
          commandId: randomUUID(),
          correlationId: 'other',
          causationId: 'other',
        },
      },
      previousHash,
    );
    await store.appendToStream(streamId, [{ id: randomUUID(), type: event.type, data: event.data, metadata }], {
      expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
    });
  };
  const storedTypes = async () => (await store.readStream(streamId)).map((event) => event.type);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-executor-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.sqlite') });
    executor = new EventSourcedCommandExecutor(store);
    reads = jest.spyOn(store, 'readStream');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a stream it has not folded yet, then decides the next commands on its cache without reading', async () => {
    await run({ type: 'Count', by: 1 });
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockClear();
    const second = await run({ type: 'Count', by: 2 });
    const third = await run({ type: 'Count', by: 3 });
    expect(reads).not.toHaveBeenCalled();
    expect([second.revision, third.revision]).toEqual([1, 2]);
    expect(await storedTypes()).toEqual(['Counted', 'Counted', 'Counted']);
  });

  it('a decision on a stale cache meets the expected revision, and is decided again on what was stored', async () => {
    await run({ type: 'Count', by: 1 });
    await appendBehind({ type: 'Counted', data: { by: 10 } });
    const result = await run({ type: 'Count', by: 2 });
    expect(result).toMatchObject({ revision: 2, replayed: false });
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => event.data)).toEqual([{ by: 1 }, { by: 10 }, { by: 2 }]);
    // The chain goes on from the other writer's event.
    expect(stored[2].metadata.previousHash).toBe(stored[1].metadata.hash);
  });

  it('a refusal is only answered on a read of the store: closed in the cache, reopened behind it, a count goes in', async () => {
    await run({ type: 'Count', by: 1 });
    await run({ type: 'Close' });
    await appendBehind({ type: 'Reopened', data: {} });
    reads.mockClear();
    const result = await run({ type: 'Count', by: 2 });
    expect(result).toMatchObject({ revision: 3, replayed: false });
    expect(reads).toHaveBeenCalled();
    expect(await storedTypes()).toEqual(['Counted', 'Closed', 'Reopened', 'Counted']);
  });

  it('and a refusal that holds on the stored state is answered, nothing appended', async () => {
    await run({ type: 'Count', by: 1 });
    await appendBehind({ type: 'Closed', data: {} });
    await expect(run({ type: 'Count', by: 2 })).rejects.toThrow(CounterClosedError);
    expect(await storedTypes()).toEqual(['Counted', 'Closed']);
  });

  it('nothing to do is only answered on a read of the store: closed in the cache, reopened behind it, Close closes', async () => {
    await run({ type: 'Count', by: 1 });
    await run({ type: 'Close' });
    await appendBehind({ type: 'Reopened', data: {} });
    const result = await run({ type: 'Close' });
    expect(result).toMatchObject({ revision: 3, replayed: false });
    expect(await storedTypes()).toEqual(['Counted', 'Closed', 'Reopened', 'Closed']);
  });

  it('and nothing to do on the stored state answers the stored revision, nothing appended', async () => {
    await run({ type: 'Count', by: 1 });
    await appendBehind({ type: 'Closed', data: {} });
    const result = await run({ type: 'Close' });
    expect(result).toMatchObject({ revision: 1, replayed: false });
    expect(await storedTypes()).toEqual(['Counted', 'Closed']);
  });

  it("the caller's rights are checked on the stored state: refused on the cache, allowed on the store", async () => {
    await run({ type: 'Count', by: 150 }); // allowed: the rights are checked on the state before it (0)
    await expect(run({ type: 'Count', by: 1 })).rejects.toThrow(CounterTooHighError);
    await appendBehind({ type: 'Counted', data: { by: -100 } });
    const result = await run({ type: 'Count', by: 1 });
    expect(result.revision).toBe(2);
    expect((await store.readStream(streamId)).map((event) => event.data)).toEqual([
      { by: 150 },
      { by: -100 },
      { by: 1 },
    ]);
  });

  it('If-Match is checked against the stored revision, not the cached one', async () => {
    await run({ type: 'Count', by: 1 });
    await appendBehind({ type: 'Counted', data: { by: 10 } });
    const matching = await run({ type: 'Count', by: 2 }, contextOf({ ifMatch: 1 }));
    expect(matching.revision).toBe(2);
    await expect(run({ type: 'Count', by: 3 }, contextOf({ ifMatch: 1 }))).rejects.toThrow(StaleRevisionError);
    expect(await storedTypes()).toEqual(['Counted', 'Counted', 'Counted']);
  });

  it('a retried command is answered its original result from the cache, and appends nothing', async () => {
    const context = contextOf();
    const first = await run({ type: 'Count', by: 1 }, context);
    await run({ type: 'Count', by: 2 });
    reads.mockClear();
    const again = await run({ type: 'Count', by: 1 }, context);
    expect(again).toEqual({ ...first, replayed: true });
    expect(reads).not.toHaveBeenCalled();
    expect(await storedTypes()).toEqual(['Counted', 'Counted']);
  });

  it('a command id reused with another request is refused from the cache, nothing appended', async () => {
    const context = contextOf();
    await run({ type: 'Count', by: 1 }, context);
    await expect(run({ type: 'Count', by: 2 }, { ...context, requestHash: 'another request' })).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(await storedTypes()).toEqual(['Counted']);
  });

  describe('a keyed command stored by another process beyond this cache (a retry after a lost answer)', () => {
    // The store answers a resend of stored event ids with the original result whatever the expected revision, so a
    // decision on the cache would take the retry for a new append: keyed commands are always decided on a read.
    const keyed = () => contextOf({ idempotencyKey: `key-${sequence}` });

    it('is answered as a replay of what the other process stored, and the chain holds', async () => {
      const other = new EventSourcedCommandExecutor(store);
      await run({ type: 'Count', by: 1 });
      const context = keyed();
      const first = await run({ type: 'Count', by: 5 }, context, other);
      const retried = await run({ type: 'Count', by: 5 }, context);
      expect(retried).toEqual({ ...first, replayed: true });
      await run({ type: 'Count', by: 1 });
      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.data)).toEqual([{ by: 1 }, { by: 5 }, { by: 1 }]);
      expect(verifyChain(stored).valid).toBe(true);
    });

    it('with another request under the same key is refused, and the chain holds', async () => {
      const other = new EventSourcedCommandExecutor(store);
      await run({ type: 'Count', by: 1 });
      const context = keyed();
      await run({ type: 'Count', by: 5 }, context, other);
      await expect(run({ type: 'Count', by: 7 }, { ...context, requestHash: 'another request' })).rejects.toThrow(
        IdempotencyKeyReusedError,
      );
      await run({ type: 'Count', by: 1 });
      expect(verifyChain(await store.readStream(streamId)).valid).toBe(true);
    });
  });
});

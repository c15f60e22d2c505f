/// <reference types="jest" />
// The contract is declared with Jest's globals, read only when a suite calls it, so that importing the
// library outside Jest (the app imports the same barrel) never touches them.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type {
  EventData,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  ReadAllOptions,
} from '../event-store.port';

export interface EventStoreUnderTest {
  store: EventStore;
  /** Opens a new store on the same data after `store` was closed: a process restart. */
  reopen?: () => Promise<EventStore>;
  cleanup?: () => Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

/** Gives each test a fresh store from the factory and tidies up after it, even when the test fails. */
export class ContractHarness {
  private underTest: EventStoreUnderTest | undefined;
  private active: EventStore | undefined;

  constructor(private readonly factory: EventStoreFactory) {}

  get store(): EventStore {
    if (this.active === undefined) throw new Error('the contract store is only available inside a test');
    return this.active;
  }

  async setUp(): Promise<void> {
    this.underTest = await this.factory();
    this.active = this.underTest.store;
  }

  /** Closes the store as a test step; tear-down will not close it a second time. */
  async close(): Promise<void> {
    const store = this.store;
    this.active = undefined;
    await store.close();
  }

  async restart(): Promise<EventStore> {
    const reopen = this.underTest?.reopen;
    if (reopen === undefined) {
      throw new Error(
        'the factory gave no reopen(); give one, or pass { restart: false } to skip the restart test openly',
      );
    }
    await this.close();
    this.active = await reopen();
    return this.active;
  }

  async tearDown(): Promise<void> {
    try {
      await this.active?.close();
    } finally {
      this.active = undefined;
      await this.underTest?.cleanup?.();
    }
  }
}

/** Unique per call, so that the suite can share one real server with other runs. */
export const uniqueStreamId = (label: string): string => `contract_${label}-${randomUUID()}`;

export const metadataFor = (commandId: string = randomUUID()): EventMetadata => ({
  actor: 'user-7f3a',
  role: 'investment-officer',
  unit: 'hengyang-industrial-park',
  commandId,
  correlationId: commandId,
  causationId: commandId,
});

/** One realistic event: a fact about an investment project, with who did it. */
export const projectEvent = (type = 'ProjectLeadRegistered', data: EventData = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data: {
    projectId: randomUUID(),
    name: 'Electronics assembly line',
    sector: 'electronics',
    amountCny: '120000000.00',
    ...data,
  },
  metadata: metadataFor(),
});

export const makeEvents = (count: number, type?: string): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => projectEvent(type, { sequence: index }));

export const ids = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

export const append = (
  store: EventStore,
  streamId: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision,
) => store.appendToStream(streamId, events, { expectedRevision });

/** The deadline is checked between items too: a runaway iterator that never yields to timers must still fail. */
export async function collect<T>(iterable: AsyncIterable<T>, ms = 15_000): Promise<T[]> {
  const items: T[] = [];
  const deadline = Date.now() + ms;
  for await (const item of iterable) {
    items.push(item);
    if (Date.now() > deadline) throw new Error(`reading took longer than ${ms} ms (${items.length} items so far)`);
  }
  return items;
}

/** readAll restricted to the given streams: other tests may be writing to the same log. */
export async function readAllOf(
  store: EventStore,
  streamIds: readonly string[],
  options: ReadAllOptions,
): Promise<RecordedEvent[]> {
  const wanted = new Set(streamIds);
  return (await collect(store.readAll(options))).filter((event) => wanted.has(event.streamId));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles like `promise`, or rejects naming `what` if it has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Pulls from `iterator` until `done(received)` holds; fails if it ends or stalls first. */
export async function takeUntil<T>(
  iterator: AsyncIterator<T>,
  done: (received: T[]) => boolean,
  what: string,
  ms = 5000,
): Promise<T[]> {
  const received: T[] = [];
  const deadline = Date.now() + ms;
  while (!done(received)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what} (${received.length} messages so far)`);
    const next = await within(iterator.next(), Math.max(1, deadline - Date.now()), what);
    if (next.done) throw new Error(`the iteration ended before ${what}`);
    received.push(next.value);
  }
  return received;
}

/** Awaits a rejection and returns the error, failing the test if the promise fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    (value) => ({ fulfilled: true as const, value }),
    (error: unknown) => ({ fulfilled: false as const, error }),
  );
  if (outcome.fulfilled) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

export async function expectWrongRevision(
  promise: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject(expected);
  const message = (error as Error).message;
  expect(message).toContain(String(expected.expected));
  expect(message).toContain(String(expected.actual));
}

export const isStrictlyIncreasing = (values: readonly number[]): boolean =>
  values.every((value, index) => index === 0 || value > values[index - 1]);

import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import * as map from './eventstoredb-mapping';
import {
  findBackwards,
  isWrongExpectedVersion,
  readAllAfter,
  readStreamRaw,
  DEFAULT_READ_IDLE_TIMEOUT_MS,
  translateError,
} from './eventstoredb-reads';
import { subscribeToAllOf } from './eventstoredb-subscription';
import { iterateReadable } from './readable-iterator';
import { StreamIdIndex, type StoredIdsVerdict } from './stream-id-index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventStoreDbOptions {
  /** How long health() waits for the server before reporting it unreachable. */
  healthTimeoutMs?: number;
  /** How long a read may wait for the server's next message before it fails as unavailable (default 10 s). */
  readTimeoutMs?: number;
}

/** The event store port over EventStoreDB (gRPC client 6.x). Positions and revisions: see eventstoredb-mapping.ts. */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  /** Aborted by close(): open subscriptions end cleanly, and every later call is refused. */
  private readonly closing = new AbortController();
  private readonly storedIds = new StreamIdIndex(async (streamId, fromRevision) => {
    const stored = await readStreamRaw(
      this.client,
      streamId,
      { fromRevision: BigInt(fromRevision) },
      this.readTimeoutMs,
    );
    return stored.map(({ id, revision, type }) => ({ id, type, revision: map.toSafeNumber(revision, 'revision') }));
  });

  /** `connection`: a connection string such as `esdb://localhost:2113?tls=false`, or a client (tests). */
  private get readTimeoutMs(): number {
    return this.options.readTimeoutMs ?? DEFAULT_READ_IDLE_TIMEOUT_MS;
  }

  constructor(
    connection: string | EventStoreDBClient,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    assertAppendable(streamId, events);
    if (events.length === 0) return this.checkOnly(streamId, expected);
    const known = await this.storedIds.judge(streamId, events, expected, false);
    if (known.kind !== 'new') return this.settle(streamId, known);
    let result;
    try {
      const data = events.map(({ id, type, data, metadata }) => jsonEvent({ id, type, data, metadata }));
      result = await this.client.appendToStream(streamId, data, {
        expectedRevision: map.toEsdbExpectedRevision(expected),
      });
    } catch (error) {
      if (isWrongExpectedVersion(error))
        return this.resolveConflict(streamId, events, expected, map.toPortActualRevision(error.actualVersion));
      throw translateError(error, `append to ${streamId}`);
    }
    // Only when the connection string sets throwOnAppendFailure=false (its revision is then unreliable in 6.x).
    if (!result.success) return this.resolveConflict(streamId, events, expected, undefined);
    const nextExpectedRevision = map.toSafeNumber(result.nextExpectedRevision, `${streamId}: revision`);
    this.storedIds.recordAppend(streamId, events, nextExpectedRevision);
    // The server answers the position of the last event written (also when it recognised a retry itself);
    // a server answering none (or 0, before any event) gets that event read back.
    if (result.position !== undefined && result.position.commit > 0n) {
      return { nextExpectedRevision, position: map.toPortPosition(result.position, `Append to ${streamId}`) };
    }
    return this.resultAt(streamId, nextExpectedRevision);
  }

  /** The stream moved under the writer, or the append is a retry the cache could not see yet. */
  private async resolveConflict(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    actual: number | 'no_stream' | undefined,
  ): Promise<AppendResult> {
    const known = await this.storedIds.judge(streamId, events, expected, true);
    if (known.kind !== 'new') return this.settle(streamId, known);
    throw new WrongExpectedRevisionError(streamId, expected, actual ?? revisionOf(await this.readLast(streamId)));
  }

  private async settle(streamId: string, verdict: Exclude<StoredIdsVerdict, { kind: 'new' }>): Promise<AppendResult> {
    if (verdict.kind === 'clash') throw verdict.error;
    return this.resultAt(streamId, verdict.lastRevision);
  }

  private async resultAt(streamId: string, revision: number): Promise<AppendResult> {
    const [event] = await readStreamRaw(
      this.client,
      streamId,
      { fromRevision: BigInt(revision), maxCount: 1 },
      this.readTimeoutMs,
    );
    if (event === undefined)
      throw new EventStoreUnavailableError(
        `EventStoreDB has no event at ${streamId}@${revision} although it acknowledged it`,
      );
    return { nextExpectedRevision: revision, position: map.toPortPosition(event.position, `Event ${event.id}`) };
  }

  /** An empty append checks the expected revision and writes nothing; -1 stands for a stream that does not exist. */
  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await this.readLast(streamId);
    const actual = revisionOf(last);
    if (!satisfies(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    if (last === undefined || actual === 'no_stream') return { nextExpectedRevision: -1, position: 0 };
    return { nextExpectedRevision: actual, position: map.toPortPosition(last.position, `Event ${last.id}`) };
  }

  private async readLast(streamId: string): Promise<EsdbRecordedEvent | undefined> {
    const [last] = await readStreamRaw(
      this.client,
      streamId,
      { direction: BACKWARDS, fromRevision: END, maxCount: 1 },
      this.readTimeoutMs,
    );
    return last;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    if (options.fromRevision !== undefined) map.assertNonNegativeInteger(options.fromRevision, 'fromRevision');
    if (options.maxCount !== undefined) map.assertNonNegativeInteger(options.maxCount, 'maxCount');
    if (options.maxCount === 0) return [];
    const raw: EsdbRecordedEvent[] = await readStreamRaw(
      this.client,
      streamId,
      {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision:
          options.fromRevision !== undefined ? BigInt(options.fromRevision) : direction === 'forwards' ? START : END,
        maxCount: options.maxCount,
      },
      this.readTimeoutMs,
    );
    return raw.filter((event) => !map.isSystemEvent(event)).map(map.toRecordedEvent);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    this.assertOpen();
    const from = options.fromPosition ?? 0;
    map.assertNonNegativeInteger(from, 'fromPosition');
    const until =
      options.toRecordedAt === undefined ? undefined : map.parseInstant(options.toRecordedAt, 'toRecordedAt');
    if (options.toPosition !== undefined) map.assertNonNegativeInteger(options.toPosition, 'toPosition');
    if (options.maxCount !== undefined) map.assertNonNegativeInteger(options.maxCount, 'maxCount');
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining === 0) return;
    // Client 6.x cannot filter readAll on the server: system records are skipped here, and maxCount counts
    // what we deliver rather than being sent to the server.
    for await (const raw of readAllAfter(this.client, from, undefined, this.readTimeoutMs)) {
      if (map.isSystemEvent(raw)) continue;
      const position = map.toPortPosition(raw.position, `Event ${raw.id}`);
      if (position <= from) continue; // EventStoreDB reads are inclusive, fromPosition is exclusive
      if (options.toPosition !== undefined && position > options.toPosition) return;
      const event = map.toRecordedEvent(raw);
      if (until !== undefined && Date.parse(event.recordedAt) > until) return;
      yield event;
      if (--remaining === 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
    this.assertOpen();
    const from = options.fromPosition ?? 0;
    map.assertNonNegativeInteger(from, 'fromPosition');
    return subscribeToAllOf(this.client, from, [options.signal, this.closing.signal], this.readTimeoutMs);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const last = await findBackwards(this.client, (record) => !map.isSystemEvent(record), this.readTimeoutMs);
    return last === undefined ? 0 : map.toPortPosition(last.position, `Event ${last.id}`);
  }

  async health(): Promise<EventStoreHealth> {
    if (this.closing.signal.aborted) return { backend: 'eventstoredb', reachable: false, detail: 'closed' };
    const timeoutMs = this.options.healthTimeoutMs ?? 2_000;
    // Streaming reads ignore the client's `deadline` option (6.x forces Infinity on them): time out here.
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    const done = new AbortController(); // frees the drain loop when the timeout wins
    let timer: NodeJS.Timeout | undefined;
    try {
      const drain = async (): Promise<void> => {
        for await (const _record of iterateReadable(read, done.signal)) {
          /* reachability is all we need */
        }
      };
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([drain(), timeout]);
      return { backend: 'eventstoredb', reachable: true, detail: `connection ${this.client.connectionName}` };
    } catch (error) {
      return {
        backend: 'eventstoredb',
        reachable: false,
        detail: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
      done.abort();
      await read.cancel().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }

  /** A disposed client would quietly reconnect on the next call: a closed store must refuse instead. */
  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

function assertAppendable(streamId: string, events: readonly EventToAppend[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new TypeError(`event id ${String(event.id)} is not a UUID`);
    if (seen.has(event.id.toLowerCase()))
      throw new DuplicateEventIdError(event.id, 'it appears twice in the same append');
    seen.add(event.id.toLowerCase());
  }
}

function revisionOf(last: EsdbRecordedEvent | undefined): number | 'no_stream' {
  return last === undefined ? 'no_stream' : map.toSafeNumber(last.revision, 'revision');
}

function satisfies(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream' || expected === -1) return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

import {
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  START,
  isCommandError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type CurrentRevision,
  type EventStoreDBClient,
  type Position,
  type ReadStreamOptions,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { toEsdbReadPosition } from './eventstoredb-mapping';
import { iterateReadable, ReadIdleTimeoutError } from './readable-iterator';

/** Reads over the client, releasing the gRPC call whatever way the iteration ends. */

const UNAVAILABLE = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/**
 * How long a read may go without a message before it fails as unavailable. Client 6.x sets streaming reads no
 * deadline (it ignores the `deadline` option on them), so without this a stalled server would hang a command
 * instead of answering 503. Live subscriptions are not reads: silence is normal there, and they have no limit.
 */
export const DEFAULT_READ_IDLE_TIMEOUT_MS = 10_000;

/** Connection-level failures become the port's EventStoreUnavailableError; anything else is left as it is. */
export function translateError(error: unknown, action: string): unknown {
  if (error instanceof ReadIdleTimeoutError) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable (${action}): ${error.message}`, error);
  }
  if (error instanceof Error && isCommandError(error) && UNAVAILABLE.has(error.type)) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable (${action}): ${error.message}`, error);
  }
  return error;
}

export function isWrongExpectedVersion(error: unknown): error is Error & { actualVersion: CurrentRevision } {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

/** All events of a stream matching `options` (system ones included); [] for a stream that does not exist. */
export async function readStreamRaw(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
  idleTimeoutMs = DEFAULT_READ_IDLE_TIMEOUT_MS,
): Promise<EsdbRecordedEvent[]> {
  const read = client.readStream(streamId, options);
  const events: EsdbRecordedEvent[] = [];
  try {
    for await (const resolved of iterateReadable<ResolvedEvent>(read, undefined, idleTimeoutMs))
      if (resolved.event) events.push(resolved.event);
    return events;
  } catch (error) {
    if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return [];
    throw translateError(error, `read ${streamId}`);
  } finally {
    await read.cancel().catch(() => undefined);
  }
}

async function* readAllFrom(
  client: EventStoreDBClient,
  from: Position | typeof START,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number,
): AsyncGenerator<AllStreamRecordedEvent> {
  const read = client.readAll({ fromPosition: from, direction: FORWARDS });
  try {
    for await (const resolved of iterateReadable<AllStreamResolvedEvent>(read, signal, idleTimeoutMs))
      if (resolved.event) yield resolved.event;
  } finally {
    await read.cancel().catch(() => undefined);
  }
}

/**
 * Every record of $all (system ones included) from port position `after` on; the caller skips those at or
 * before `after`, since EventStoreDB reads are inclusive. A port position is usually an event's own record
 * ({commit: n, prepare: n}), but any number is allowed (e.g. `position - 1`), and EventStoreDB refuses to start
 * a read inside a record (InvalidPosition). Then the read restarts from the last record at or before `after`.
 */
export async function* readAllAfter(
  client: EventStoreDBClient,
  after: number,
  signal?: AbortSignal,
  idleTimeoutMs = DEFAULT_READ_IDLE_TIMEOUT_MS,
): AsyncGenerator<AllStreamRecordedEvent> {
  const start = toEsdbReadPosition(after);
  let received = false;
  try {
    for await (const record of readAllFrom(client, start, signal, idleTimeoutMs)) {
      received = true;
      yield record;
    }
    return;
  } catch (error) {
    if (received || start === START) throw translateError(error, 'read $all');
  }
  const boundary = await findBackwards(client, (record) => record.position.commit <= BigInt(after), idleTimeoutMs);
  try {
    yield* readAllFrom(client, boundary?.position ?? START, signal, idleTimeoutMs);
  } catch (error) {
    throw translateError(error, 'read $all');
  }
}

/** The latest record of $all satisfying `accept`, reading backwards from the end. */
export async function findBackwards(
  client: EventStoreDBClient,
  accept: (record: AllStreamRecordedEvent) => boolean,
  idleTimeoutMs = DEFAULT_READ_IDLE_TIMEOUT_MS,
): Promise<AllStreamRecordedEvent | undefined> {
  const read = client.readAll({ fromPosition: END, direction: BACKWARDS });
  try {
    for await (const resolved of iterateReadable<AllStreamResolvedEvent>(read, undefined, idleTimeoutMs)) {
      if (resolved.event !== undefined && accept(resolved.event)) return resolved.event;
    }
    return undefined;
  } catch (error) {
    throw translateError(error, 'read $all backwards');
  } finally {
    await read.cancel().catch(() => undefined);
  }
}

import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import type { StoredEventRef } from './sqlite-rows';

/**
 * The backend-free rules of an append: argument checks, the expected-revision test, and telling a retried
 * append apart from a clash of ids. Kept apart from SQL so that the rules read in one place.
 */

// Any RFC 4122 layout, any version: EventStoreDB takes any UUID, and ids must be portable to it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
}

export function assertAppendArguments(events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (!isExpectedRevision(expected)) {
    throw new TypeError(
      `expectedRevision must be 'no_stream', 'stream_exists', 'any' or an integer >= -1, got ${String(expected)}`,
    );
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new TypeError(`event id ${String(event.id)} is not a UUID`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event ${event.id} has no type`);
    if (!isPlainObject(event.data) || !isPlainObject(event.metadata)) {
      throw new TypeError(`event ${event.id}: data and metadata must be objects`);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new DuplicateEventIdError(event.id, 'it appears twice in the same append');
    seen.add(id);
  }
}

export function assertCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
  }
}

/** Bounds by time compare ISO strings, so every instant is brought to the one form the store writes. */
export function normaliseInstant(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`toRecordedAt is not an ISO-8601 instant: ${instant}`);
  return new Date(ms).toISOString();
}

/**
 * -1 is taken as 'no_stream' so that the result of an empty append to a missing stream
 * (nextExpectedRevision -1) can be passed back as the next expected revision.
 */
export function satisfies(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return expected === -1 ? actual === 'no_stream' : actual === expected;
  }
}

export type StoredIdsVerdict =
  { kind: 'new' } | { kind: 'retry'; result: AppendResult } | { kind: 'clash'; error: DuplicateEventIdError };

/**
 * A retry resends the very events of an earlier append: all of them stored, in this stream, one after
 * another, in this order, with the same types. Then the earlier result is the answer. Anything in between
 * (some ids stored, or stored elsewhere) is a bug upstream, not a retry, and must not be papered over.
 * Data is not compared: the ids were derived from the command, so equal ids with other data is already
 * excluded by the type and order checks in practice, and comparing JSON would make key order matter.
 */
export function judgeStoredIds(
  streamId: string,
  events: readonly Pick<EventToAppend, 'id' | 'type'>[],
  lookup: (eventId: string) => StoredEventRef | undefined,
): StoredIdsVerdict {
  const stored = events.map((event) => lookup(event.id.toLowerCase()));
  const storedCount = stored.filter((ref) => ref !== undefined).length;
  if (storedCount === 0) return { kind: 'new' };
  const clash = (index: number, detail: string): StoredIdsVerdict => ({
    kind: 'clash',
    error: new DuplicateEventIdError(events[index].id, detail),
  });
  if (storedCount < events.length) {
    const index = stored.findIndex((ref) => ref !== undefined);
    return clash(
      index,
      `${storedCount} of the ${events.length} events of this append are already stored; a retry must resend exactly the original events`,
    );
  }
  const first = stored[0] as StoredEventRef;
  for (const [index, ref] of stored.entries()) {
    if (ref === undefined) continue;
    if (ref.stream_id !== streamId) return clash(index, `it is stored in stream ${ref.stream_id}, not ${streamId}`);
    if (ref.revision !== first.revision + index)
      return clash(index, `it is stored at revision ${ref.revision}, not in the order of this append`);
    if (ref.type !== events[index].type)
      return clash(index, `it is stored as a ${ref.type}, not a ${events[index].type}`);
  }
  const last = stored[stored.length - 1] as StoredEventRef;
  return { kind: 'retry', result: { nextExpectedRevision: last.revision, position: last.position } };
}

function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'any' ||
    value === 'no_stream' ||
    value === 'stream_exists' ||
    (Number.isSafeInteger(value) && (value as number) >= -1)
  );
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventData, EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';

/**
 * Pure translations between the port (JSON-safe numbers) and the EventStoreDB client 6.x (bigints).
 *
 * Positions. EventStoreDB addresses an event in the log by Position {commit, prepare}. Since 20.x the gRPC API
 * has no explicit transactions: every append is written as self-committed prepare records, and a $all read
 * reports each of them at {commit: its own log position, prepare: the same}. So commit == prepare, it is unique
 * per event and strictly increasing in commit order: it becomes our `position`. Going back, a port position n
 * becomes {commit: n, prepare: n}, which is exactly the event's own record. An event written by a legacy
 * (TCP, pre-20) explicit transaction has commit > prepare and shares its commit with its siblings, so no
 * single number can address it: we refuse it loudly instead of silently merging events.
 * Position 0 is "before the first event": the log starts with an epoch record, never an event.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** What stream reads report when the server (< 22.6) does not know an event's log position: ulong -1. */
const UNKNOWN_POSITION = (1n << 64n) - 1n;
const TICKS_PER_MS = 10_000n;

/** bigint → number, refusing values JSON cannot carry exactly (they would silently round). */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > MAX_SAFE) {
    throw new RangeError(`${what} ${value} is outside the JSON-safe integer range 0..${Number.MAX_SAFE_INTEGER}`);
  }
  return Number(value);
}

export function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

export function toPortPosition(position: Position | undefined, context: string): number {
  if (position === undefined || position.commit === UNKNOWN_POSITION) {
    throw new Error(
      `${context}: EventStoreDB reported no log position (stream reads carry one only from EventStoreDB 22.6)`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new Error(
      `${context}: commit position ${position.commit} differs from prepare position ${position.prepare}; ` +
        'the event was written in a legacy explicit transaction, which this adapter cannot address by one number',
    );
  }
  return toSafeNumber(position.commit, `${context}: log position`);
}

/** Where a forwards $all read must start to see events after `position` (the read is inclusive: skip `position` itself). */
export function toEsdbReadPosition(position: number): Position | typeof START {
  assertNonNegativeInteger(position, 'fromPosition');
  if (position === 0) return START;
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
  }
  // -1 is what an empty append to a missing stream answers as nextExpectedRevision: it means 'no_stream'.
  if (expected === -1) return NO_STREAM;
  assertNonNegativeInteger(expected, 'expectedRevision');
  return BigInt(expected);
}

export function toPortActualRevision(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : toSafeNumber(current, 'actual revision');
}

/** EventStoreDB's own records ($-typed: $metadata, $>, $statistics…) and anything in a $-stream stay inside the adapter. */
export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Client 6.x already turns the server's `created` (100 ns ticks since the Unix epoch) into a Date truncated to
 * the millisecond; raw ticks are accepted too so that a client surfacing them cannot shift our timestamps.
 */
export function createdToRecordedAt(created: Date | bigint | number | string): string {
  const date = created instanceof Date ? created : new Date(Number(BigInt(created) / TICKS_PER_MS));
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid EventStoreDB created timestamp: ${String(created)}`);
  return date.toISOString();
}

/** ISO-8601 bound → epoch ms, refusing strings that would compare as NaN and silently disable the bound. */
export function parseInstant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO-8601 instant: ${iso}`);
  return ms;
}

function decodeJsonObject(value: unknown, what: string): Record<string, unknown> {
  let decoded = value;
  if (value instanceof Uint8Array) {
    try {
      decoded = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      throw new Error(`${what} is not JSON`);
    }
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
    throw new Error(`${what} is not a JSON object`);
  return decoded as Record<string, unknown>;
}

export function toRecordedEvent(raw: EsdbRecordedEvent): RecordedEvent {
  const context = `Event ${raw.id} (${raw.streamId}@${raw.revision})`;
  return {
    id: raw.id,
    streamId: raw.streamId,
    revision: toSafeNumber(raw.revision, `${context}: revision`),
    position: toPortPosition(raw.position, context),
    type: raw.type,
    data: decodeJsonObject(raw.data, `${context}: data`) as EventData,
    // Events written by other tools may carry no metadata; the port's type is kept, the fields are then absent.
    metadata: (raw.metadata === undefined
      ? {}
      : decodeJsonObject(raw.metadata, `${context}: metadata`)) as EventMetadata,
    recordedAt: createdToRecordedAt(raw.created),
  };
}

import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { judgeStoredIds, satisfies } from './append-rules';
import type { Statements } from './sqlite-rows';

/** An event as the writer stores it: its JSON already written, so that it crosses to a writer thread as text. */
export interface PreparedEvent {
  /** As the caller gave it; stored in lower case. */
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** One append as the writer receives it: checked, serialised, with the clock already read. */
export interface AppendRequest {
  streamId: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
  /** The clock's reading (ms) when the append was made; clamped under the write lock (see appendLocked). */
  now: number;
}

export interface AppendOutcome {
  result: AppendResult;
  /** False for an empty append and for a retry answered from what is stored: nobody needs waking. */
  written: boolean;
}

/** Serialises on the caller's thread: a payload that JSON cannot write fails this append alone, before it queues. */
export function prepareAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  now: number,
): AppendRequest {
  return {
    streamId,
    expected,
    now,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    })),
  };
}

/**
 * The body of an append; it must run inside a BEGIN IMMEDIATE transaction (and, in a group, inside its own
 * SAVEPOINT), so that the revision check, the recorded time and the inserts all happen under the file's write
 * lock and see every append committed or grouped before this one.
 */
export function appendLocked(statements: Statements, request: AppendRequest): AppendOutcome {
  const { streamId, events, expected } = request;
  const last = statements.lastOfStream.get(streamId);
  const actual = last?.revision ?? 'no_stream';
  if (!satisfies(expected, actual)) {
    // A retry of an append that succeeded is answered as it was, though the stream has moved on since.
    const verdict = judgeStoredIds(streamId, events, (id) => statements.byEventId.get(id));
    if (verdict.kind === 'retry') return { result: verdict.result, written: false };
    if (verdict.kind === 'clash') throw verdict.error;
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }
  if (events.length === 0) {
    return { result: { nextExpectedRevision: last?.revision ?? -1, position: last?.position ?? 0 }, written: false };
  }
  // Clamped to the previous event's instant, so that recordedAt never decreases along the log.
  const previous = statements.lastRecordedAt.get()?.recorded_at;
  const recordedAt = new Date(Math.max(request.now, previous === undefined ? 0 : Date.parse(previous))).toISOString();
  let revision = last === undefined ? 0 : last.revision + 1;
  let position = 0;
  for (const event of events) {
    const info = statements.insert.run(
      event.id.toLowerCase(),
      streamId,
      revision,
      event.type,
      event.data,
      event.metadata,
      recordedAt,
    );
    position = Number(info.lastInsertRowid);
    revision += 1;
  }
  return { result: { nextExpectedRevision: revision - 1, position }, written: true };
}

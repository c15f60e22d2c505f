import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { judgeStoredIds, satisfies } from './append-rules';
import type { Statements } from './sqlite-rows';

export interface AppendOutcome {
  result: AppendResult;
  /** False for an empty append and for a retry answered from what is stored: nobody needs waking. */
  written: boolean;
}

/**
 * The body of an append; it must run inside a BEGIN IMMEDIATE transaction, so that the revision check,
 * the clock reading and the inserts all happen under the file's write lock.
 */
export function appendLocked(
  statements: Statements,
  now: () => number,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): AppendOutcome {
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
  const recordedAt = new Date(Math.max(now(), previous === undefined ? 0 : Date.parse(previous))).toISOString();
  let revision = last === undefined ? 0 : last.revision + 1;
  let position = 0;
  for (const event of events) {
    const info = statements.insert.run(
      event.id.toLowerCase(),
      streamId,
      revision,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      recordedAt,
    );
    position = Number(info.lastInsertRowid);
    revision += 1;
  }
  return { result: { nextExpectedRevision: revision - 1, position }, written: true };
}

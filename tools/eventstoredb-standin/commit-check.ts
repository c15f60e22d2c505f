/**
 * Whether an append may be written, a port of IndexWriter.CheckCommit (EventStoreDB v24.10,
 * src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs), including its idempotency rules:
 *
 * - expected `any` or `stream_exists`: the ids are looked up ONLY in the committed-events cache (`_committedEvents`,
 *   a bounded in-memory FIFO that a restart empties). The first id absent (or stored in another stream) means
 *   "not a retry": the events are written AGAIN. All ids found in this stream: idempotent, answered with the
 *   event numbers of the first and last of them (not checked for order or contiguity). Some found, then one
 *   missing: corrupted idempotency, answered as wrong expected version.
 * - expected revision (or no_stream = -1) BEHIND the stream: the ids must be the events at expected+1, +2, …
 *   (cache or index); all match: idempotent; the first differs: wrong expected version; a later one differs:
 *   corrupted idempotency (wrong expected version). No events at all: wrong expected version.
 * - expected AHEAD of the stream: wrong expected version.
 * - expected EQUAL to the stream's last revision (no_stream on a missing stream): ok, written WITHOUT looking
 *   at ids, so a retry that happens to carry the current revision is appended a second time.
 * - `stream_exists` on a stream without events (and, here, without metadata): wrong expected version.
 * Expected-version constants: src/EventStore.Core/Data/ExpectedVersion.cs.
 */

export const ANY = -2n;
export const NO_STREAM = -1n;
export const STREAM_EXISTS = -4n;

export type CommitDecision =
  | { kind: 'ok'; currentVersion: bigint }
  | { kind: 'wrong-expected-version'; currentVersion: bigint }
  /** StorageWriterService answers AlreadyCommitted with these event numbers (RequestManagerBase.ReturnCommitAt). */
  | { kind: 'idempotent'; firstEventNumber: bigint; lastEventNumber: bigint };

export interface CommitView {
  /** -1 when the stream has no events. */
  lastEventNumber(streamId: string): bigint;
  /** The committed-events cache: event id → where it was written. */
  cached(eventId: string): { streamId: string; eventNumber: bigint } | undefined;
  /** The index: the id of the event at `eventNumber` of `streamId` (IndexReader.ReadPrepare). */
  eventIdAt(streamId: string, eventNumber: bigint): string | undefined;
}

const wrong = (currentVersion: bigint): CommitDecision => ({ kind: 'wrong-expected-version', currentVersion });

export function checkCommit(
  view: CommitView,
  streamId: string,
  expectedVersion: bigint,
  eventIds: readonly string[],
): CommitDecision {
  const curVersion = view.lastEventNumber(streamId);
  // No $$metadata streams here, so "exists" means "has events" (IndexWriter also accepts a stream with metadata only).
  if (expectedVersion === STREAM_EXISTS && curVersion < 0n) return wrong(curVersion);

  if (expectedVersion === ANY || expectedVersion === STREAM_EXISTS) {
    let first: bigint | undefined;
    let last: bigint | undefined;
    for (const id of eventIds) {
      const info = view.cached(id);
      if (info === undefined || info.streamId !== streamId) {
        // CorruptedIdempotency is answered as WrongExpectedVersion (StorageWriterService.ActOnCommitCheckFailure).
        return first === undefined ? { kind: 'ok', currentVersion: curVersion } : wrong(curVersion);
      }
      first ??= info.eventNumber;
      last = info.eventNumber;
    }
    if (first === undefined || last === undefined) return { kind: 'ok', currentVersion: curVersion };
    return { kind: 'idempotent', firstEventNumber: first, lastEventNumber: last };
  }

  if (expectedVersion < curVersion) {
    let eventNumber = expectedVersion;
    for (const id of eventIds) {
      eventNumber += 1n;
      const info = view.cached(id);
      if (info !== undefined && info.streamId === streamId && info.eventNumber === eventNumber) continue;
      if (view.eventIdAt(streamId, eventNumber) === id) continue;
      return wrong(curVersion); // first mismatch: WrongExpectedVersion; later: CorruptedIdempotency (answered alike)
    }
    if (eventNumber === expectedVersion) return wrong(curVersion); // no data in the transaction
    return { kind: 'idempotent', firstEventNumber: expectedVersion + 1n, lastEventNumber: eventNumber };
  }

  if (expectedVersion > curVersion) return wrong(curVersion);
  return { kind: 'ok', currentVersion: curVersion };
}

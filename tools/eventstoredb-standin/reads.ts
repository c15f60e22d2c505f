import { status } from '@grpc/grpc-js';
import { rpcError } from './context';
import type { EventLog, StoredEvent } from './event-log';
import type { ReadSink } from './read-sink';
import { ReadReq, readEventResp, streamNameOf, streamNotFoundResp } from './wire';

/**
 * Reads with a count (not subscriptions), after the enumerators of src/EventStore.Core/Services/Transport/
 * Enumerators/ (ReadStreamForwards/Backwards, ReadAllForwards/Backwards) and the storage readers behind them.
 */

const MAX_U64 = (1n << 64n) - 1n;

/** Every $all read, filtered or not, applies EventFilter.DefaultAllFilter: $epoch-information never shows. */
export const visibleInAll = (event: StoredEvent): boolean => event.streamId !== '$epoch-information';

export async function readStream(
  log: EventLog,
  request: ReadReq.Options,
  sink: ReadSink,
  uuidAsString: boolean,
): Promise<void> {
  const options = request.getStream() as ReadReq.Options.StreamOptions;
  const name = streamNameOf(options.getStreamIdentifier());
  const events = log.stream(name);
  // ReadStreamResult.NoStream becomes a stream_not_found message and a normal end (Enumerator.ReadStreamForwards).
  if (events === undefined || events.length === 0) {
    await sink.send(streamNotFoundResp(name));
    return sink.end();
  }
  const count = BigInt(request.getCount());
  const forwards = request.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const last = BigInt(events.length - 1);
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = options.getRevisionOptionCase();
  let from = revisionCase === Case.START ? 0n : revisionCase === Case.END ? -1n : BigInt(options.getRevision());
  if (from === MAX_U64) from = -1n; // StreamRevision.End travels as ulong max as well
  const selected: StoredEvent[] = [];
  if (forwards) {
    // From End forwards: nothing (ReadStreamEventsForward from -1 finds no events).
    for (let revision = from; from >= 0n && revision <= last && BigInt(selected.length) < count; revision += 1n)
      selected.push(events[Number(revision)]);
  } else {
    // IndexReader.ReadStreamEventsBackward: from < 0 (End) means the last event; beyond the end reads from the last one.
    const start = from < 0n || from > last ? last : from;
    for (let revision = start; revision >= 0n && BigInt(selected.length) < count; revision -= 1n)
      selected.push(events[Number(revision)]);
  }
  for (const event of selected) if (!(await sink.send(readEventResp(event, uuidAsString)))) return;
  sink.end();
}

/** The (commit, prepare) a read of $all starts from; -1 stands for the end of the log (TFPos.HeadOfTf). */
export function allStart(options: ReadReq.Options.AllOptions): { commit: bigint; prepare: bigint } | 'start' | 'end' {
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  if (options.getAllOptionCase() === Case.START) return 'start';
  if (options.getAllOptionCase() === Case.END) return 'end';
  const position = options.getPosition() as ReadReq.Options.Position;
  const commit = BigInt(position.getCommitPosition());
  const prepare = BigInt(position.getPreparePosition());
  if (commit === MAX_U64 && prepare === MAX_U64) return 'end';
  return { commit, prepare };
}

/**
 * The storage answers InvalidPosition when a read starts inside a record (TFChunkReader cannot parse there),
 * and ReadAllForwards/Backwards turn that into `UNKNOWN "Unexpected ReadAllResult: InvalidPosition"`; a read
 * starting beyond the last record finds nothing. AllReader.ReadAllEventsForward is inclusive: records at or after
 * (commit, prepare). ReadAllEventsBackward returns records whose post-position is at or before it: the record
 * at exactly that position is NOT included.
 */
export async function readAll(
  log: EventLog,
  request: ReadReq.Options,
  sink: ReadSink,
  uuidAsString: boolean,
): Promise<void> {
  const from = allStart(request.getAll() as ReadReq.Options.AllOptions);
  const forwards = request.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  let count = BigInt(request.getCount());
  const at =
    from === 'start'
      ? { commit: 0n, prepare: 0n }
      : from === 'end'
        ? { commit: log.endPosition, prepare: log.endPosition }
        : from;
  if (at.commit < at.prepare)
    return sink.fail(rpcError(status.UNKNOWN, 'The commit position cannot be less than the prepare position'));
  // Forwards, a start inside the last record is past LastIndexedPosition: end of stream, no error.
  const inside = at.commit < log.endPosition && !log.isBoundary(at.commit);
  if (inside && (!forwards || at.commit <= log.lastIndexedPosition))
    return sink.fail(rpcError(status.UNKNOWN, 'Unexpected ReadAllResult: InvalidPosition'));
  const records = log.records;
  if (forwards) {
    for (let index = log.indexAtOrAfter(at.commit); index < records.length && count > 0n; index += 1) {
      const { event } = records[index];
      if (event === undefined || !visibleInAll(event)) continue; // (p, p) >= (commit, prepare) holds from here on
      if (!(await sink.send(readEventResp(event, uuidAsString)))) return;
      count -= 1n;
    }
  } else {
    const end = at.commit > log.endPosition ? log.endPosition : at.commit;
    for (let index = log.indexAtOrAfter(end) - 1; index >= 0 && count > 0n; index -= 1) {
      const { event, postPosition } = records[index];
      if (event === undefined || !visibleInAll(event)) continue;
      if (postPosition === at.commit && postPosition > at.prepare) continue;
      if (!(await sink.send(readEventResp(event, uuidAsString)))) return;
      count -= 1n;
    }
  }
  sink.end();
}

import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { rpcError } from './context';
import type { EventLog, StoredEvent } from './event-log';
import type { ReadSink } from './read-sink';
import { allStart, visibleInAll } from './reads';
import { caughtUpResp, checkpointResp, confirmationResp, ReadReq, readEventResp } from './wire';

/**
 * A subscription to $all, after Enumerator.AllSubscriptionFiltered / AllSubscription (v24.10,
 * src/EventStore.Core/Services/Transport/Enumerators/) and SubscriptionsService.ProcessEventCommited:
 * 1. the live subscription is registered first, then `confirmation` is sent;
 * 2. catch-up reads pages of 32 (ReadBatchSize) from the checkpoint (exclusive); with a filter, each page
 *    considers at most maxSearchWindow events (32 unless `max` is given) and counts them; past
 *    checkpointInterval = multiplier × window considered events a checkpoint is sent at
 *    max(last event sent, the page's start position); at the end of the log a checkpoint is sent (the last event
 *    sent, or the start checkpoint), then `caught_up`;
 * 3. live: every committed event counts towards the interval (matching or not) and a checkpoint at that
 *    event's position is sent when it is reached; events and checkpoints at or before what was sent are skipped.
 * Quirks kept on purpose (they are the server's): a checkpoint during catch-up can carry prepare = 0 (a page's
 * start TFPos(post-position, 0)); a subscription from the start that sends no event during catch-up sends the
 * checkpoint (-1, -1) as ulong max, after which MoveNextAsync drops every later checkpoint as "not newer".
 * Unfiltered subscriptions send no checkpoints. Every $all subscription applies EventFilter.DefaultAllFilter.
 */

const READ_BATCH_SIZE = 32;

interface Pos {
  commit: bigint;
  prepare: bigint;
}
const compare = (a: Pos, b: Pos): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
const own = (event: StoredEvent): Pos => ({ commit: event.position, prepare: event.position });

type Live = { event: StoredEvent } | { checkpoint: Pos };

interface Filter {
  allow(event: StoredEvent): boolean;
  window: number;
  /** Undefined: no checkpoints (unfiltered). */
  interval: number | undefined;
}

function filterOf(options: ReadReq.Options): Filter {
  const filter = options.getFilter();
  if (!options.hasFilter() || filter === undefined)
    return { allow: visibleInAll, window: READ_BATCH_SIZE, interval: undefined };
  const onType = filter.hasEventType();
  const expression = (
    onType ? filter.getEventType() : filter.getStreamIdentifier()
  ) as ReadReq.Options.FilterOptions.Expression;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  const window = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  const allow = (event: StoredEvent): boolean => {
    const subject = onType ? event.type : event.streamId;
    return visibleInAll(event) && (regex ? regex.test(subject) : prefixes.some((prefix) => subject.startsWith(prefix)));
  };
  return { allow, window, interval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window };
}

export async function subscribeToAll(
  log: EventLog,
  options: ReadReq.Options,
  sink: ReadSink,
  uuidAsString: boolean,
): Promise<void> {
  const filter = filterOf(options);
  const queue: Live[] = [];
  let wake: (() => void) | undefined;
  let liveCounter = 0;
  const confirmedAt = log.lastIndexedPosition;
  const unsubscribe = log.onCommitted((event) => {
    if (event.position <= confirmedAt) return;
    if (filter.allow(event)) queue.push({ event });
    if (filter.interval !== undefined && ++liveCounter >= filter.interval) {
      queue.push({ checkpoint: own(event) });
      liveCounter = 0;
    }
    wake?.();
  });
  sink.onClose(() => wake?.());
  let lastCheckpointSent: Pos | undefined; // MoveNextAsync's _currentCheckpoint
  const sendCheckpoint = async (at: Pos): Promise<boolean> => {
    const sent = {
      commit: at.commit < 0n ? (1n << 64n) - 1n : at.commit,
      prepare: at.prepare < 0n ? (1n << 64n) - 1n : at.prepare,
    };
    if (filter.interval === undefined || (lastCheckpointSent && compare(sent, lastCheckpointSent) <= 0)) return true;
    lastCheckpointSent = sent;
    return sink.send(checkpointResp(at.commit, at.prepare));
  };
  try {
    if (!(await sink.send(confirmationResp(randomUUID())))) return;
    const from = allStart(options.getAll() as ReadReq.Options.AllOptions);
    const confirmation = { commit: confirmedAt, prepare: confirmedAt };
    let checkpoint: Pos = from === 'start' ? { commit: -1n, prepare: -1n } : from === 'end' ? confirmation : from;
    if (compare(checkpoint, confirmation) < 0) {
      const caughtUp = await catchUp(log, filter, checkpoint, sink, uuidAsString, sendCheckpoint);
      if (caughtUp === undefined) return;
      checkpoint = caughtUp;
    }
    if (!(await sink.send(caughtUpResp()))) return;
    while (sink.open) {
      const item = queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if ('event' in item) {
        if (compare(own(item.event), checkpoint) <= 0) continue;
        if (!(await sink.send(readEventResp(item.event, uuidAsString)))) return;
        checkpoint = own(item.event);
      } else if (compare(item.checkpoint, checkpoint) >= 0) {
        if (!(await sendCheckpoint(item.checkpoint))) return;
        checkpoint = item.checkpoint;
      }
    }
  } finally {
    unsubscribe();
  }
}

/** The catch-up phase; answers the checkpoint reached, or undefined if the call ended. */
async function catchUp(
  log: EventLog,
  filter: Filter,
  from: Pos,
  sink: ReadSink,
  uuidAsString: boolean,
  sendCheckpoint: (at: Pos) => Promise<boolean>,
): Promise<Pos | undefined> {
  let checkpoint = from;
  let start: Pos = from.commit < 0n ? { commit: 0n, prepare: 0n } : from;
  if (start.commit < log.endPosition && start.commit <= log.lastIndexedPosition && !log.isBoundary(start.commit)) {
    // ReadResponseException.InvalidPosition → RpcExceptions.InvalidPositionException.
    sink.fail(rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'));
    return undefined;
  }
  let counter = 0;
  for (;;) {
    // One FilteredReadAllEventsForward page (AllReader.ReadAllEventsForwardInternal).
    const page: StoredEvent[] = [];
    let considered = 0;
    let next = start;
    let isEnd = false;
    for (
      let index = log.indexAtOrAfter(start.commit);
      page.length < READ_BATCH_SIZE && considered < filter.window;
      index += 1
    ) {
      if (index >= log.records.length) {
        isEnd = true;
        break;
      }
      const record = log.records[index];
      if (record.event === undefined || compare(own(record.event), start) < 0) continue;
      considered += 1;
      if (filter.allow(record.event)) page.push(record.event);
      next = { commit: record.postPosition, prepare: 0n };
    }
    for (const event of page) {
      if (compare(own(event), checkpoint) <= 0) continue;
      if (!(await sink.send(readEventResp(event, uuidAsString)))) return undefined;
      checkpoint = own(event);
    }
    counter += considered;
    if (isEnd) return (await sendCheckpoint(checkpoint)) ? checkpoint : undefined;
    if (filter.interval !== undefined && counter >= filter.interval) {
      counter %= filter.interval;
      if (compare(checkpoint, start) < 0) checkpoint = start;
      if (!(await sendCheckpoint(checkpoint))) return undefined;
    }
    start = next;
  }
}

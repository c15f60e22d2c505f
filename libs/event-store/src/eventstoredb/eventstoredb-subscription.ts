import {
  START,
  excludeSystemEvents,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { RecordedEvent, SubscriptionMessage } from '../event-store.port';
import { isSystemEvent, toPortPosition, toRecordedEvent } from './eventstoredb-mapping';
import { findBackwards, readAllAfter, translateError } from './eventstoredb-reads';
import { iterateReadable } from './readable-iterator';

/**
 * Catch-up then live subscription to $all, in two phases:
 * 1. a forwards $all read after `fromPosition` to the end of the log, remembering the Position of the last
 *    record seen (system ones included) as the resume point;
 * 2. caught-up, then `subscribeToAll` from that Position, which EventStoreDB treats as exclusive and which
 *    replays by itself whatever was appended between the two phases: no gap.
 * No duplicates either: an event is delivered only if its position is above the last one delivered (positions
 * strictly increase), which also makes `fromPosition` exclusive whatever the server does.
 *
 * Why not the subscription's own 'caughtUp': in client 6.x it is an EventEmitter event beside the data, sent
 * only by servers >= 23.10, and emitted when the server says so, possibly before events still buffered in the
 * stream have reached us. Phase 1 gives an exact caught-up point on every server version.
 */
export async function* catchUpThenLive(
  client: EventStoreDBClient,
  fromPosition: number,
  signal: AbortSignal,
  readTimeoutMs?: number,
): AsyncGenerator<SubscriptionMessage, void, undefined> {
  if (signal.aborted) return;
  let resumeFrom: Position | typeof START | undefined;
  // undefined: nothing to skip (position 0 is before every event).
  let lastDelivered: number | undefined = fromPosition > 0 ? fromPosition : undefined;
  const deliverable = (raw: AllStreamRecordedEvent | undefined): RecordedEvent | undefined => {
    if (raw === undefined || isSystemEvent(raw)) return undefined;
    const position = toPortPosition(raw.position, `Event ${raw.id}`);
    if (lastDelivered !== undefined && position <= lastDelivered) return undefined;
    lastDelivered = position;
    return toRecordedEvent(raw);
  };

  for await (const record of readAllAfter(client, fromPosition, signal, readTimeoutMs)) {
    resumeFrom = record.position;
    const event = deliverable(record);
    if (event) yield { kind: 'event', event };
  }
  if (signal.aborted) return;
  // Nothing at or after fromPosition: resume after the last record there is, so that nothing appended from now on is missed.
  resumeFrom ??= (await findBackwards(client, () => true, readTimeoutMs))?.position ?? START;
  yield { kind: 'caught-up', position: lastDelivered ?? fromPosition };

  // The server-side filter spares the network; deliverable() still drops $-streams and anything it lets through.
  const subscription = client.subscribeToAll({ fromPosition: resumeFrom, filter: excludeSystemEvents() });
  try {
    for await (const resolved of iterateReadable<AllStreamResolvedEvent>(subscription, signal)) {
      const event = deliverable(resolved.event);
      if (event) yield { kind: 'event', event };
    }
    if (!signal.aborted) throw new EventStoreUnavailableError('EventStoreDB ended the $all subscription');
  } finally {
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }
}

/**
 * The port's subscription as a hand-written iterator rather than an async generator: a generator queues
 * return() behind a pending next(), so a consumer could not stop a subscription that waits for events.
 * Here return() (and any of `signals`) aborts at once, which ends the pending next() with done.
 */
export function subscribeToAllOf(
  client: EventStoreDBClient,
  fromPosition: number,
  signals: (AbortSignal | undefined)[],
  readTimeoutMs?: number,
): AsyncIterable<SubscriptionMessage> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
      const stop = new AbortController();
      const abort = (): void => stop.abort();
      for (const signal of signals) {
        if (signal?.aborted) abort();
        signal?.addEventListener('abort', abort, { once: true });
      }
      const release = (): void => signals.forEach((signal) => signal?.removeEventListener('abort', abort));
      const messages = catchUpThenLive(client, fromPosition, stop.signal, readTimeoutMs);
      return {
        next: async () => {
          try {
            const result = await messages.next();
            if (result.done) release();
            return result;
          } catch (error) {
            release();
            throw translateError(error, 'subscribe to $all');
          }
        },
        return: async () => {
          abort();
          release();
          await messages.return(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

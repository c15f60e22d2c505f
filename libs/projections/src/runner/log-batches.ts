import type { EventStore, RecordedEvent, SubscriptionMessage } from '@itp/event-store';
import { pause } from '../shared/pause';

export interface LogBatch {
  /** In position order, all after the previous batch. May be empty (a caught-up marker with nothing new). */
  events: RecordedEvent[];
  /** Every event up to here has been delivered: the checkpoint a projection may commit after this batch. */
  position: number;
  /** True once the subscription has caught up with the log: the batch is live traffic, not history. */
  live: boolean;
}

export interface LogBatchOptions {
  fromPosition: number;
  /** At most this many events per batch (live batches are usually what arrived together). */
  batchSize: number;
  signal: AbortSignal;
  /** Pause after a caught-up marker that brought nothing new (see below). */
  idleBackoffMs?: number;
  /**
   * Once live, how long a batch may keep gathering events after its first one (0: only what arrives in the
   * same event-loop turn). While commands flow, a few milliseconds turn many small commits into one, and a
   * document touched by several commands is written once; `minPosition` still gives read-your-writes.
   */
  liveWindowMs?: number;
}

const NOT_READY = Symbol('not-ready');

/**
 * Resolves with the promise's value if it settles before `until` (epoch ms; undefined: within this turn of
 * the event loop), else NOT_READY.
 */
const settledBefore = <T>(promise: Promise<T>, until: number | undefined): Promise<T | typeof NOT_READY> =>
  new Promise((resolve, reject) => {
    const wait = until === undefined ? undefined : Math.max(0, until - Date.now());
    const timer =
      wait === undefined ? setImmediate(() => resolve(NOT_READY)) : setTimeout(() => resolve(NOT_READY), wait);
    const clear = () =>
      wait === undefined ? clearImmediate(timer as NodeJS.Immediate) : clearTimeout(timer as NodeJS.Timeout);
    promise.then(
      (value) => {
        clear();
        resolve(value);
      },
      (error: unknown) => {
        clear();
        reject(error);
      },
    );
  });

/**
 * The global log as batches, from ONE catch-up subscription: history in batches of `batchSize` (or up to the
 * caught-up marker), then live events grouped by what arrives together (a batch ends when the next message
 * is not ready within the same event-loop turn, so a lone live event is not held back).
 *
 * Defensive on purpose, because every projection's correctness rests on this stream:
 * - an event at or below the last delivered position is dropped (an adapter that re-delivered would
 *   otherwise fold an event twice into a document loaded in the same batch);
 * - a caught-up marker that brings nothing new while already live means the adapter did not wait for new
 *   events; the reader pauses `idleBackoffMs` instead of spinning (a spin on resolved promises would starve
 *   the event loop, and with it the HTTP server).
 */
export async function* logBatches(
  store: EventStore,
  options: LogBatchOptions,
): AsyncGenerator<LogBatch, void, undefined> {
  const { batchSize, signal } = options;
  const iterator = store.subscribeToAll({ fromPosition: options.fromPosition, signal })[Symbol.asyncIterator]();
  let last = options.fromPosition;
  let live = false;
  let newSinceMarker = true;
  let buffer: RecordedEvent[] = [];
  /** When the batch being gathered live must go, at the latest (set by its first event). */
  let flushBy: number | undefined;
  const window = options.liveWindowMs ?? 0;
  const take = (): LogBatch => {
    const batch = { events: buffer, position: last, live };
    buffer = [];
    flushBy = undefined;
    return batch;
  };
  let pending: Promise<IteratorResult<SubscriptionMessage>> = iterator.next();
  try {
    while (!signal.aborted) {
      let result: IteratorResult<SubscriptionMessage> | typeof NOT_READY =
        live && buffer.length > 0 ? await settledBefore(pending, flushBy) : await pending;
      if (result === NOT_READY) {
        yield take();
        result = await pending;
      }
      if (result.done) break;
      pending = iterator.next();
      const message = result.value;
      if (message.kind === 'event') {
        if (message.event.position <= last) continue;
        buffer.push(message.event);
        if (live && window > 0) flushBy ??= Date.now() + window;
        last = message.event.position;
        newSinceMarker = true;
        if (buffer.length >= batchSize) yield take();
        continue;
      }
      if (live && !newSinceMarker && buffer.length === 0) {
        await pause(options.idleBackoffMs ?? 100, signal);
        continue;
      }
      last = Math.max(last, message.position);
      live = true;
      newSinceMarker = false;
      yield take();
    }
    if (buffer.length > 0 && !signal.aborted) yield take();
  } finally {
    // The prefetched next() may still fail after we stopped listening: that is not an unhandled error.
    pending.catch(() => undefined);
    await iterator.return?.();
  }
}

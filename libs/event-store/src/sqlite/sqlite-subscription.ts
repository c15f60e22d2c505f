import type { RecordedEvent, SubscriptionMessage } from '../event-store.port';
import type { ChangeNotifier } from './change-notifier';

export interface SubscriptionSource {
  /** Up to `limit` events with position > `after`, in position order. */
  readAfter(after: number, limit: number): RecordedEvent[];
  notifier: ChangeNotifier;
}

const PAGE_SIZE = 1000;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A catch-up subscription as an explicit iterator rather than an async generator: a generator cannot be
 * ended while it awaits (its return() queues behind the pending next()), so an idle subscription could
 * never be stopped. Here return(), the abort signal and the store's close() all end it at once, resolve
 * a pending next() with done, and drop the listener and the poll.
 *
 * Pages are read on demand, so a slow consumer holds one page, not the backlog. Order: every read asks
 * for positions after the last one delivered, and the log only ever grows at its end (see the store),
 * so no event can be skipped or delivered out of order.
 */
export class SqliteSubscription implements AsyncIterableIterator<SubscriptionMessage> {
  private checkpoint: number;
  private page: RecordedEvent[] = [];
  private pageIndex = 0;
  private caughtUp = false;
  private finished = false;
  private stopWaiting: (() => void) | undefined;
  private endWait: (() => void) | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly onAbort = (): void => this.finish();

  constructor(
    private readonly source: SubscriptionSource,
    fromPosition: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onFinish: (subscription: SqliteSubscription) => void,
  ) {
    this.checkpoint = fromPosition;
    if (signal?.aborted) this.finish();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SubscriptionMessage, undefined>> {
    // Overlapping next() calls are served one after the other, so that none can take a message twice.
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<SubscriptionMessage, undefined>> {
    this.finish();
    return DONE;
  }

  /** Ends the subscription; a pending next() resolves with done. Safe to call more than once. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.page = [];
    this.stopWaiting?.();
    this.endWait?.();
    this.signal?.removeEventListener('abort', this.onAbort);
    this.onFinish(this);
  }

  private async pull(): Promise<IteratorResult<SubscriptionMessage, undefined>> {
    while (!this.finished) {
      if (this.pageIndex < this.page.length) {
        return { done: false, value: { kind: 'event', event: this.page[this.pageIndex++] } };
      }
      let page: RecordedEvent[];
      try {
        page = this.source.readAfter(this.checkpoint, PAGE_SIZE);
      } catch (error) {
        this.finish();
        throw error;
      }
      if (page.length > 0) {
        this.page = page;
        this.pageIndex = 0;
        this.checkpoint = page[page.length - 1].position;
        continue;
      }
      if (!this.caughtUp) {
        this.caughtUp = true;
        return { done: false, value: { kind: 'caught-up', position: this.checkpoint } };
      }
      await this.waitForChange();
    }
    return DONE;
  }

  private waitForChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        this.stopWaiting = undefined;
        this.endWait = undefined;
        resolve();
      };
      this.endWait = wake;
      // Registered in the same tick as the empty read above: no append of this process can fall in between.
      this.stopWaiting = this.source.notifier.waitBeyond(this.checkpoint, wake);
    });
  }
}

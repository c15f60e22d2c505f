import { EventEmitter } from 'node:events';

/**
 * Wakes subscriptions that wait for new events. Appends through the same store wake them at once; appends by
 * other processes on the same file are found by a slow poll of the head position, because SQLite has no
 * cross-process notification. One poll serves every waiting subscription, and it only runs while one waits.
 * The poll timer is deliberately not unref'd: a projector idling on a subscription must keep its process alive.
 */
export class ChangeNotifier {
  private readonly emitter = new EventEmitter();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readHead: () => number,
    private readonly pollIntervalMs: number,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Calls `wake` once, as soon as the log may hold an event after `seenPosition`. Waking on "head beyond what
   * the waiter saw", not on "head changed since the last poll", is what makes a commit by another process that
   * lands between the waiter's read and this call impossible to miss.
   */
  waitBeyond(seenPosition: number, wake: () => void): () => void {
    const listener = (head: number): void => {
      if (head <= seenPosition) return;
      stop();
      wake();
    };
    const stop = (): void => {
      this.emitter.off('head', listener);
      if (this.emitter.listenerCount('head') === 0) this.stopPolling();
    };
    this.emitter.on('head', listener);
    this.timer ??= setInterval(() => this.poll(), this.pollIntervalMs);
    return stop;
  }

  /** An append through this store has committed up to `head`. */
  notify(head: number): void {
    this.emitter.emit('head', head);
  }

  close(): void {
    this.emitter.removeAllListeners();
    this.stopPolling();
  }

  private poll(): void {
    let head: number;
    try {
      head = this.readHead();
    } catch {
      // A transient error (a checkpoint holding a lock) is retried at the next tick; closing stops the poll.
      return;
    }
    this.emitter.emit('head', head);
  }

  private stopPolling(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

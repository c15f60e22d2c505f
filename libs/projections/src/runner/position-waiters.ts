/** What a waiter's condition says each time the runner has moved. */
export type WaitVerdict = 'reached' | 'waiting' | 'unreachable';

interface Waiter {
  check: () => WaitVerdict;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Callers waiting for projections to reach a position (read-your-writes). The runner calls `notify()` after
 * every committed batch and every state change; a waiter settles true when its condition holds, false when
 * it cannot hold any more (a stopped projection) or when its time is up. No polling.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(check: () => WaitVerdict, timeoutMs: number): Promise<boolean> {
    const now = check();
    if (now !== 'waiting') return Promise.resolve(now === 'reached');
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        check,
        resolve,
        timer: setTimeout(() => this.settle(waiter, false), Math.max(0, timeoutMs)),
      };
      this.waiters.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) {
      const verdict = waiter.check();
      if (verdict !== 'waiting') this.settle(waiter, verdict === 'reached');
    }
  }

  /** Settles every waiter as not reached (the runner stops). */
  cancelAll(): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, false);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(reached);
  }
}

import type { Readable } from 'node:stream';

const HIGH_WATER = 256;
const LOW_WATER = 64;

/**
 * Iterates one of the client's object-mode Readables (reads, subscriptions) through our own queue instead of
 * Readable's built-in async iterator, because:
 * - an AbortSignal must end a pending wait at once (a live subscription may stay silent for hours);
 * - after a cancel the client swallows the gRPC "Cancelled on client" error and leaves its Transform neither
 *   ended nor errored, so the built-in iterator would wait forever.
 * Back-pressure is kept: the source is paused while HIGH_WATER items wait, resumed below LOW_WATER.
 * Releasing the gRPC call (cancel/unsubscribe) stays with the caller, which knows which one it holds.
 */
export async function* iterateReadable<T>(
  source: Readable,
  signal?: AbortSignal,
  /** A read (not a live subscription) that sends nothing for this long fails: the client sets reads no deadline. */
  idleTimeoutMs?: number,
): AsyncGenerator<T, void, undefined> {
  const queue: T[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onData = (item: T): void => {
    queue.push(item);
    if (queue.length >= HIGH_WATER) source.pause();
    notify();
  };
  const onEnd = (): void => {
    finished = true;
    notify();
  };
  const onError = (error: unknown): void => {
    failure ??= { error };
    notify();
  };
  source.on('data', onData);
  source.on('end', onEnd);
  source.on('close', onEnd);
  source.on('error', onError);
  signal?.addEventListener('abort', notify);
  try {
    for (;;) {
      if (signal?.aborted) return;
      if (queue.length > 0) {
        const item = queue.shift() as T;
        if (source.isPaused() && queue.length <= LOW_WATER) source.resume();
        yield item;
        continue;
      }
      // Items already received are delivered before the failure, as a plain Readable would.
      if (failure) throw failure.error;
      if (finished) return;
      await waitForNext(idleTimeoutMs, (resolve) => (wake = resolve));
    }
  } finally {
    signal?.removeEventListener('abort', notify);
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('close', onEnd);
    // Keep a no-op error listener: a late error after we stop must not crash the process as "unhandled".
    source.off('error', onError);
    source.on('error', () => undefined);
  }
}

/** Waits for `arm`'s callback, or throws ReadIdleTimeoutError after `idleTimeoutMs` (when given). */
async function waitForNext(idleTimeoutMs: number | undefined, arm: (resolve: () => void) => void): Promise<void> {
  if (idleTimeoutMs === undefined) return new Promise<void>(arm);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>(arm),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ReadIdleTimeoutError(idleTimeoutMs)), idleTimeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A read that the server stopped answering; the caller translates it into the port's unavailability. */
export class ReadIdleTimeoutError extends Error {
  override readonly name = 'ReadIdleTimeoutError';
  constructor(readonly idleTimeoutMs: number) {
    super(`EventStoreDB sent nothing for ${idleTimeoutMs} ms`);
  }
}

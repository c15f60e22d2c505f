import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { AppendOutcome, AppendRequest } from './sqlite-append';
import type { AppendReply } from './sqlite-group-commit';
import { settle, type AppendWriter, type Waiter, type WriterReport } from './sqlite-writer';
import {
  fromWireError,
  WRITER_THREAD_ROLE,
  type FromWriter,
  type ToWriter,
  type WireReply,
  type WriterThreadData,
} from './sqlite-writer-wire';
// Keeps the thread's own file in every build that includes the store (it does nothing on the main thread).
import './sqlite-writer-thread';

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Group commit in a writer thread (worker_threads). better-sqlite3 blocks the thread that commits until the WAL
 * is fsynced; here that thread is not the event loop that parses requests, reads streams and decides, so those
 * go on while a group commits, and the appends they make meanwhile queue up and go in the next group.
 *
 * The thread starts on the first append (or health()), so a store that only reads (the projector) never starts
 * one. It holds the process open only while appends are pending, as a plain connection would. Each append's
 * promise settles when the thread answers after its group's COMMIT, and the store's notifier is woken then,
 * so a subscription on this thread's connection only ever looks for what is committed.
 *
 * If the thread fails (cannot open the file, or dies), the appends waiting for it fail with
 * EventStoreUnavailableError (none was acknowledged; a retry with the same ids is safe), and once it has exited
 * the next append starts a new one. There is never more than one writer thread per store.
 */
export class WorkerThreadWriter implements AppendWriter {
  private worker: Worker | undefined;
  private ready: Promise<{ journalMode: string; synchronous: string }> | undefined;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 1;
  /** Why appends are refused: the thread failed and has not exited yet, or the store is closed. */
  private failure: Error | undefined;
  private closed = false;
  private counts = { commits: 0, appends: 0 };
  private outbox: { id: number; request: AppendRequest }[] = [];
  private posting: NodeJS.Immediate | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    private readonly settings: { filePath: string; busyTimeoutMs: number },
    private readonly onCommitted: (head: number) => void,
  ) {}

  append(request: AppendRequest): Promise<AppendOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      this.outbox.push({ id, request });
      // One message per turn of the event loop: the appends of requests handled in the same turn travel, and
      // are committed, together. (Posting each at once gave smaller groups and more fsyncs, for no gain.)
      this.posting ??= setImmediate(() => this.post());
    });
  }

  async report(): Promise<WriterReport> {
    if (this.failure) throw this.failure;
    this.start();
    const settings = await (this.ready as Promise<{ journalMode: string; synchronous: string }>);
    return { kind: 'worker-thread', ...settings, ...this.counts };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined || this.exited === undefined) {
      this.fail(new EventStoreUnavailableError('SQLite event store is closed'));
      return;
    }
    worker.ref();
    if (this.posting !== undefined) clearImmediate(this.posting);
    this.post();
    if (this.failure === undefined) worker.postMessage({ kind: 'close' } satisfies ToWriter);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        void worker.terminate().then(() => resolve());
      }, CLOSE_TIMEOUT_MS);
    });
    await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    this.fail(new EventStoreUnavailableError('SQLite event store is closed'));
  }

  private start(): Worker {
    if (this.worker !== undefined) return this.worker;
    const data: WriterThreadData = { role: WRITER_THREAD_ROLE, ...this.settings };
    const worker = spawnWriterThread(data);
    worker.unref();
    this.worker = worker;
    let markReady!: (settings: { journalMode: string; synchronous: string }) => void;
    let markFailed!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    this.ready.catch(() => undefined);
    worker.on('message', (message: FromWriter) => {
      switch (message.kind) {
        case 'ready':
          markReady({ journalMode: message.journalMode, synchronous: message.synchronous });
          return;
        case 'replies':
          this.counts = { commits: message.commits, appends: message.appends };
          this.answer(message.replies);
          return;
        case 'fatal': {
          const error = fromWireError(message.error);
          markFailed(error);
          this.fail(error);
          return;
        }
        case 'closed':
          return;
      }
    });
    worker.on('error', (error) => {
      const failure = new EventStoreUnavailableError(`the SQLite writer thread failed: ${error.message}`, error);
      markFailed(failure);
      this.fail(failure);
    });
    this.exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        const failure = new EventStoreUnavailableError(`the SQLite writer thread ended (exit code ${code})`);
        markFailed(failure);
        this.fail(failure);
        // Gone for good: the next append may start a new thread, unless the store is closing.
        if (!this.closed) {
          this.worker = undefined;
          this.failure = undefined;
        }
        resolve();
      });
    });
    return worker;
  }

  /** Hands the appends of this turn of the event loop to the thread in one message. */
  private post(): void {
    this.posting = undefined;
    if (this.outbox.length === 0 || this.worker === undefined) return;
    const appends = this.outbox;
    this.outbox = [];
    this.worker.postMessage({ kind: 'append', appends } satisfies ToWriter);
  }

  private answer(replies: readonly WireReply[]): void {
    const waiters: Waiter[] = [];
    const settled: AppendReply[] = [];
    for (const reply of replies) {
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) continue;
      this.pending.delete(reply.id);
      waiters.push(waiter);
      settled.push(reply.ok ? reply : { ok: false, error: fromWireError(reply.error) });
    }
    if (this.pending.size === 0) this.worker?.unref();
    settle(waiters, settled, this.onCommitted);
  }

  /** No more appends: those still waiting fail (none of them was acknowledged), later ones are refused. */
  private fail(error: Error): void {
    this.failure ??= error;
    this.outbox = [];
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const waiter of waiting) waiter.reject(this.failure);
  }
}

/**
 * The compiled build runs the thread's .js file directly. From TypeScript sources (Jest, tsx) the thread has
 * none of the parent's module hooks, so it registers tsx's require hook before loading the .ts file.
 */
function spawnWriterThread(data: WriterThreadData): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `sqlite-writer-thread${extension}`);
  if (extension !== '.ts') return new Worker(entry, { workerData: data });
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

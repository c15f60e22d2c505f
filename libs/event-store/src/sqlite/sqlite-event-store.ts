import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import { assertAppendArguments, assertCount, assertStreamId, normaliseInstant } from './append-rules';
import { ChangeNotifier } from './change-notifier';
import { prepareAppend } from './sqlite-append';
import { toStoreError } from './sqlite-errors';
import { GroupCommitter } from './sqlite-group-commit';
import { NO_LIMIT, prepareStatements, toRecordedEvent, type Statements } from './sqlite-rows';
import { connectionSettings, openEventsDatabase } from './sqlite-schema';

/**
 * Pages are read synchronously and every await between events resolves at once, so a consumer folding a long log
 * (a rebuild, an as-of fold, a whole verification) would hold the event loop until the end: no request, timer or
 * /health answered meanwhile. The reader gives the loop a turn every few milliseconds of the consumer's work.
 */
const TURN_EVERY_MS = 10;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
import { SqliteSubscription } from './sqlite-subscription';
import { WorkerThreadWriter } from './sqlite-worker-writer';
import { EventLoopWriter, type AppendWriter } from './sqlite-writer';

export interface SqliteEventStoreOptions {
  /** The SQLite file; its folder is created if missing. ':memory:' works for throwaway use (no WAL then). */
  filePath: string;
  /** Source of recordedAt; injectable so that tests can replay "as of" fixed instants. */
  clock?: () => Date;
  /** How often a waiting subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock before giving up. */
  busyTimeoutMs?: number;
  /**
   * Where appends are group-committed: 'worker-thread' (the default for files) or 'event-loop' (always for
   * ':memory:'). See the class comment.
   */
  writer?: 'worker-thread' | 'event-loop';
}

const READ_ALL_PAGE = 1000;

/**
 * The event store in one SQLite file, for a single node (development, demos, small deployments).
 *
 * Ordering guarantee: SQLite lets one writer at a time hold the file's write lock (BEGIN IMMEDIATE), and a
 * position is allocated inside that locked transaction and becomes visible only when it commits. So the
 * transaction that takes position p+1 can only start after the one holding p has committed (or rolled back,
 * which also rolls back the AUTOINCREMENT counter): every snapshot any reader sees is a prefix of the log,
 * and no hole below a seen position can be filled later. This holds across processes sharing the file,
 * unlike a sequence in a multi-writer database, where p+1 may commit before p.
 *
 * recordedAt never decreases along the log (a clock that steps back is clamped to the previous event's
 * instant), so "history as of T" is always a prefix of the log and bounds by time and position agree.
 *
 * Group commit: appends made while a commit is in progress go together in the next BEGIN IMMEDIATE … COMMIT,
 * one fsync of the WAL for the group (synchronous=FULL, read back on the writing connection and shown in
 * health()). Each append runs in its own SAVEPOINT inside the group, in arrival order, with its own expected-
 * revision check, retry check and result; one that fails is rolled back alone (see GroupCommitter). An append
 * is acknowledged only after its group's COMMIT returned, so acknowledged means durable; the ordering guarantee
 * above is unchanged, since a group is one transaction under the same write lock.
 *
 * By default the group is committed in a writer thread with its own connection (WorkerThreadWriter): the
 * event loop hands it the appends of each turn in one message and goes on parsing requests, reading and
 * deciding while the thread waits for the fsync. Reads, subscriptions and headPosition stay on this thread's
 * connection (WAL readers); the notifier is woken when the thread answers, after its COMMIT. ':memory:' files
 * (which a second connection cannot share) commit on the event loop instead (EventLoopWriter), gathering the
 * appends of one turn with setImmediate. Measured in benchmarks/group-commit.bench.ts: the same group sizes
 * either way, but the event-loop writer holds the loop for the whole fsync (0.1 ms on a quiet disk, several ms
 * on a busy one), which the api's requests then wait behind; the writer thread costs about 0.1 ms of latency
 * for a lone append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly notifier: ChangeNotifier;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly writer: AppendWriter;
  private closed = false;

  constructor(private readonly options: SqliteEventStoreOptions) {
    try {
      this.db = openEventsDatabase(options.filePath, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventStoreUnavailableError(
        `cannot open the SQLite event store at ${options.filePath}: ${reason}`,
        error,
      );
    }
    this.statements = prepareStatements(this.db);
    this.notifier = new ChangeNotifier(() => this.statements.head.get()?.head ?? 0, options.pollIntervalMs ?? 250);
    const onCommitted = (head: number) => this.notifier.notify(head);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.writer =
      options.filePath === ':memory:' || options.writer === 'event-loop'
        ? new EventLoopWriter(
            new GroupCommitter(this.db, this.statements),
            () => connectionSettings(this.db),
            onCommitted,
          )
        : new WorkerThreadWriter({ filePath: options.filePath, busyTimeoutMs }, onCommitted);
  }

  /** The same as the constructor, for callers that prefer an async factory like other adapters have. */
  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    return new SqliteEventStore(options);
  }

  /**
   * An empty `events` checks the expected revision and writes nothing; it answers the stream's last revision
   * and position, or { nextExpectedRevision: -1, position: 0 } for a missing stream (-1 is accepted back as
   * 'no_stream'). Event ids are stored in lower case.
   */
  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    assertStreamId(streamId);
    assertAppendArguments(events, options.expectedRevision);
    const request = prepareAppend(streamId, events, options.expectedRevision, this.now());
    // The writer wakes the notifier after the group's COMMIT, before this append's promise settles.
    const outcome = await this.writer.append(request);
    return outcome.result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamId(streamId);
    assertCount('fromRevision', options.fromRevision);
    assertCount('maxCount', options.maxCount);
    const limit = options.maxCount ?? NO_LIMIT;
    try {
      const rows =
        options.direction === 'backwards'
          ? this.statements.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
          : this.statements.streamForwards.all(streamId, options.fromRevision ?? 0, limit);
      return rows.map(toRecordedEvent);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Reads the log as it stood when iteration began (later appends belong to subscribeToAll), one page at a
   * time: better-sqlite3 allows no other statement on the connection while a cursor is open, so a cursor
   * may not stay open across the consumer's awaits.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    this.assertOpen();
    assertCount('fromPosition', options.fromPosition);
    assertCount('toPosition', options.toPosition);
    assertCount('maxCount', options.maxCount);
    const asOf = options.toRecordedAt === undefined ? undefined : normaliseInstant(options.toRecordedAt);
    let after = options.fromPosition ?? 0;
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let lastTurn = Date.now();
    let upTo = Math.min(options.toPosition ?? Number.MAX_SAFE_INTEGER, this.headNow());
    if (asOf !== undefined)
      upTo = Math.min(
        upTo,
        this.guard(() => this.statements.lastPositionAsOf.get(asOf)?.position ?? 0),
      );
    while (remaining > 0 && after < upTo) {
      const limit = Math.min(READ_ALL_PAGE, remaining);
      const rows = this.guard(() =>
        asOf === undefined
          ? this.statements.page.all(after, upTo, limit)
          : this.statements.pageAsOf.all(after, upTo, asOf, limit),
      );
      if (rows.length === 0) return;
      for (const row of rows) {
        yield toRecordedEvent(row);
        if (Date.now() - lastTurn >= TURN_EVERY_MS) {
          await nextTurn();
          lastTurn = Date.now();
        }
      }
      after = rows[rows.length - 1].position;
      remaining -= rows.length;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterableIterator<SubscriptionMessage> {
    this.assertOpen();
    assertCount('fromPosition', options.fromPosition);
    const source = {
      notifier: this.notifier,
      readAfter: (after: number, limit: number) =>
        this.guard(() => this.statements.page.all(after, Number.MAX_SAFE_INTEGER, limit)).map(toRecordedEvent),
    };
    const subscription = new SqliteSubscription(source, options.fromPosition ?? 0, options.signal, (ended) =>
      this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.headNow();
  }

  /**
   * journal_mode and synchronous are read back (PRAGMA) from the connection that commits appends: the writer
   * thread's own, which is what makes an acknowledged append durable.
   */
  async health(): Promise<EventStoreHealth> {
    if (this.closed) return { backend: 'sqlite', reachable: false, detail: 'closed' };
    try {
      const writer = await this.writer.report();
      const detail =
        `${this.options.filePath}: journal_mode=${writer.journalMode}, synchronous=${writer.synchronous} ` +
        `(read back on the writing connection), group commit on the ${writer.kind}: ${writer.commits} ` +
        `transactions for ${writer.appends} appends, head position ${this.headNow()}`;
      return { backend: 'sqlite', reachable: true, detail };
    } catch (error) {
      return { backend: 'sqlite', reachable: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Ends open subscriptions (their pending next() resolves with done), stops the poll, closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.finish();
    this.notifier.close();
    try {
      // Appends already handed to the writer are committed and answered before the file is let go.
      await this.writer.close();
    } finally {
      this.db.close();
    }
  }

  private now(): number {
    const ms = (this.options.clock?.() ?? new Date()).getTime();
    if (Number.isNaN(ms)) throw new RangeError('the clock returned an invalid date');
    return ms;
  }

  private headNow(): number {
    return this.guard(() => this.statements.head.get()?.head ?? 0);
  }

  private guard<T>(read: () => T): T {
    this.assertOpen();
    try {
      return read();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('SQLite event store is closed');
  }
}

import type { AppendOutcome, AppendRequest } from './sqlite-append';
import { MAX_GROUP, type AppendReply, type GroupCommitter } from './sqlite-group-commit';

/** What a writer says about itself in health(): the settings read back on the connection that commits. */
export interface WriterReport {
  kind: 'worker-thread' | 'event-loop';
  journalMode: string;
  synchronous: string;
  commits: number;
  appends: number;
}

/**
 * Takes appends, commits them in groups, and settles each one's promise only once its group is durable.
 * `onCommitted(head)` runs after each commit that wrote something, before any append of that group is settled.
 */
export interface AppendWriter {
  append(request: AppendRequest): Promise<AppendOutcome>;
  report(): Promise<WriterReport>;
  /** Commits what was already handed over, then lets go of the connection or thread. */
  close(): Promise<void>;
}

export interface Waiter {
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/** Wakes the notifier once for the group, then answers every append of it with its own result or error. */
export function settle(
  waiters: readonly Waiter[],
  replies: readonly AppendReply[],
  onCommitted: (head: number) => void,
): void {
  let head = 0;
  for (const reply of replies)
    if (reply.ok && reply.outcome.written) head = Math.max(head, reply.outcome.result.position);
  if (head > 0) onCommitted(head);
  replies.forEach((reply, index) => {
    if (reply.ok) waiters[index].resolve(reply.outcome);
    else waiters[index].reject(reply.error);
  });
}

/**
 * Group commit on the event loop, over the store's own connection: appends made in the same turn of the loop
 * (or while a group was being committed, since better-sqlite3 blocks the loop while it commits) wait for the
 * next check phase (setImmediate) and go in one transaction. Used for ':memory:' files, which a writer
 * thread cannot share, and selectable for measurements.
 */
export class EventLoopWriter implements AppendWriter {
  private queue: { request: AppendRequest; waiter: Waiter }[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly committer: GroupCommitter,
    private readonly settings: () => { journalMode: string; synchronous: string },
    private readonly onCommitted: (head: number) => void,
  ) {}

  append(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.queue.push({ request, waiter: { resolve, reject } });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  async report(): Promise<WriterReport> {
    return { kind: 'event-loop', ...this.settings(), commits: this.committer.commits, appends: this.committer.appends };
  }

  async close(): Promise<void> {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) this.commitNext();
  }

  private flush(): void {
    this.scheduled = undefined;
    this.commitNext();
    // More than one group's worth waiting: the rest goes next turn, with whatever joins it meanwhile.
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.flush());
  }

  private commitNext(): void {
    const group = this.queue.splice(0, MAX_GROUP);
    const replies = this.committer.commitGroup(group.map((entry) => entry.request));
    settle(
      group.map((entry) => entry.waiter),
      replies,
      this.onCommitted,
    );
  }
}

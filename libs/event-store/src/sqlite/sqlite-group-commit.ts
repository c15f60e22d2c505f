import type Database from 'better-sqlite3';
import { judgeStoredIds } from './append-rules';
import { appendLocked, type AppendOutcome, type AppendRequest } from './sqlite-append';
import { isEventIdClash, toStoreError } from './sqlite-errors';
import type { Statements } from './sqlite-rows';

/** What became of one append of a group: its own result, or its own error. */
export type AppendReply = { ok: true; outcome: AppendOutcome } | { ok: false; error: unknown };

/** At most this many appends share one transaction; the rest wait for the next one. */
export const MAX_GROUP = 1000;

/**
 * Group commit: many appends, one BEGIN IMMEDIATE … COMMIT, so one fsync of the WAL for all of them.
 *
 * Each append runs in its own SAVEPOINT, in the order the appends arrived, and sees every append before it in
 * the group: its expected-revision check, its retry check and its positions are exactly what they would be if
 * the appends had committed one by one in that order. One that fails (a wrong expected revision, a clash of
 * ids) is rolled back to its savepoint and fails alone; the others commit. An append's events are inserted
 * one after the other with no other append in between, so its positions are contiguous.
 *
 * Nothing of a group is visible to any reader before the COMMIT, and the whole group is visible after it, so
 * readers still only ever see a prefix of the log (see SqliteEventStore). If the transaction is lost (BEGIN
 * cannot get the write lock within the busy timeout, SQLite rolls back on an I/O error, COMMIT fails), every
 * append of the group that had not already failed on its own fails with EventStoreUnavailableError: none of
 * them is acknowledged.
 */
export class GroupCommitter {
  /** Transactions committed, and appends they carried: observability for health() and the benchmarks. */
  commits = 0;
  appends = 0;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT itp_append');
    this.release = db.prepare('RELEASE itp_append');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO itp_append');
  }

  commitGroup(requests: readonly AppendRequest[]): AppendReply[] {
    try {
      this.begin.run();
    } catch (error) {
      const failure = toStoreError(error);
      return requests.map(() => ({ ok: false, error: failure }));
    }
    const replies: AppendReply[] = [];
    try {
      for (const request of requests) replies.push(this.appendOne(request));
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.rollback.run();
        } catch {
          // The rollback of a transaction SQLite already gave up on: nothing more to undo.
        }
      }
      const failure = toStoreError(error);
      return requests.map((_, index) => {
        const reply = replies[index];
        return reply !== undefined && !reply.ok ? reply : { ok: false, error: failure };
      });
    }
    this.commits += 1;
    this.appends += requests.length;
    return replies;
  }

  private appendOne(request: AppendRequest): AppendReply {
    this.savepoint.run();
    try {
      const outcome = appendLocked(this.statements, request);
      this.release.run();
      return { ok: true, outcome };
    } catch (error) {
      // SQLite ended the whole transaction itself (I/O error, disk full): the group is lost, not just this append.
      if (!this.db.inTransaction) throw error;
      this.rollbackToSavepoint.run();
      this.release.run();
      if (!isEventIdClash(error)) return { ok: false, error: toStoreError(error) };
      // The unique index on event_id is the arbiter on the fast path, so a normal append costs no lookups; the
      // rolled-back attempt is judged here, against the log as this group has left it so far (an earlier append
      // of the same group with the same ids counts as stored, and a retry of it gets its result).
      const verdict = judgeStoredIds(request.streamId, request.events, (id) => this.statements.byEventId.get(id));
      if (verdict.kind === 'retry') return { ok: true, outcome: { result: verdict.result, written: false } };
      if (verdict.kind === 'clash') return { ok: false, error: verdict.error };
      return { ok: false, error };
    }
  }
}

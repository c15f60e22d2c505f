import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../contract/contract-harness';
import type { AppendResult, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { kill9EventId } from './sqlite-kill9.ids';

/**
 * Crash safety of group commit under load: a writer process with 16 appends in flight is killed with SIGKILL at
 * a random moment, several times, each time restarted on the same file. Then, from the file alone:
 * - every acknowledged append is there exactly once, with the position and revision it was acknowledged with;
 * - every unacknowledged append is there whole or not at all;
 * - the events of an append are contiguous, positions strictly increase, and an append made after another was
 *   acknowledged has later positions (no reorder), also across restarts; streams have no revision gaps;
 * - recordedAt never decreases;
 * - retrying any append that is there (with the same ids) answers its original result and adds nothing.
 */

const RUNS = 5;
const IN_FLIGHT = 16;

interface Attempt {
  key: string;
  run: number;
  streamId: string;
  ids: string[];
  acknowledged?: AppendResult;
}

type Line = { kind: 'B'; attempt: Attempt } | { kind: 'A'; key: string };

/** Starts the writer, lets it reach load, kills it with SIGKILL after a random delay; answers its lines. */
async function runAndKill(filePath: string, run: number, attempts: Map<string, Attempt>): Promise<Line[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'sqlite-kill9.child.ts'), filePath, `r${run}`, String(IN_FLIGHT)],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Line[] = [];
  let pending = '';
  let stderr = '';
  let acknowledged = 0;
  let loaded!: () => void;
  const underLoad = new Promise<void>((resolve) => (loaded = resolve));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete) {
      const [kind, key, third, fourth] = text.split(' ');
      if (kind === 'B') {
        const ids = Array.from({ length: Number(fourth) }, (_, index) => kill9EventId(key, index));
        const attempt: Attempt = { key, run, streamId: third, ids };
        attempts.set(key, attempt);
        lines.push({ kind: 'B', attempt });
      } else if (kind === 'A') {
        (attempts.get(key) as Attempt).acknowledged = { nextExpectedRevision: Number(third), position: Number(fourth) };
        lines.push({ kind: 'A', key });
        // Killed only once appends are being acknowledged, at a random moment after that.
        if (++acknowledged === 20) loaded();
      }
    }
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}: ${stderr}`)),
  );
  const started = await Promise.race([underLoad.then(() => true), exited.then(() => false)]);
  if (!started) throw new Error(`the writer of run ${run} ended before it was killed: ${await exited}`);
  await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 450));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(stderr).toBe('');
  return lines;
}

describe('SqliteEventStore killed with SIGKILL under concurrent appends', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-sqlite-kill9-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append exactly once and every other one whole or not at all (${RUNS} kills)`, async () => {
    const filePath = join(dir, 'events.sqlite');
    const attempts = new Map<string, Attempt>();
    const runs: Line[][] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await runAndKill(filePath, run, attempts));

    const raw = new Database(filePath, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = new SqliteEventStore({ filePath });
    try {
      const log = await collect(store.readAll());
      const byId = new Map<string, RecordedEvent>();
      for (const event of log) {
        expect(byId.has(event.id)).toBe(false);
        byId.set(event.id, event);
      }
      const attemptOf = new Map<string, Attempt>();
      for (const attempt of attempts.values()) for (const id of attempt.ids) attemptOf.set(id, attempt);
      // Nothing in the log that was not attempted.
      expect(log.filter((event) => !attemptOf.has(event.id))).toEqual([]);

      // Whole or nothing; contiguous; acknowledged ones present with their acknowledged result.
      const stats = { acknowledged: 0, unacknowledgedPresent: 0, unacknowledgedAbsent: 0 };
      const firstPosition = new Map<string, number>();
      for (const attempt of attempts.values()) {
        const stored = attempt.ids.map((id) => byId.get(id));
        const present = stored.filter((event) => event !== undefined) as RecordedEvent[];
        expect([0, attempt.ids.length]).toContain(present.length);
        if (attempt.acknowledged) stats.acknowledged += 1;
        else if (present.length > 0) stats.unacknowledgedPresent += 1;
        else stats.unacknowledgedAbsent += 1;
        if (attempt.acknowledged) expect(present).toHaveLength(attempt.ids.length);
        if (present.length === 0) continue;
        present.forEach((event, index) => {
          expect(event.streamId).toBe(attempt.streamId);
          expect(event.position).toBe(present[0].position + index);
          expect(event.revision).toBe(present[0].revision + index);
        });
        firstPosition.set(attempt.key, present[0].position);
        const last = present[present.length - 1];
        if (attempt.acknowledged) {
          expect(attempt.acknowledged).toEqual({ nextExpectedRevision: last.revision, position: last.position });
        }
      }
      process.stderr.write(`kill -9 x${RUNS}: ${JSON.stringify(stats)}, ${log.length} events in the log\n`);
      expect(stats.acknowledged).toBeGreaterThan(RUNS * 20 - 1);

      // No reorder: an append made after another was acknowledged lies after it, within a run and across runs.
      let acknowledgedUpTo = 0;
      for (const lines of runs) {
        for (const line of lines) {
          if (line.kind === 'A') {
            acknowledgedUpTo = Math.max(acknowledgedUpTo, (attempts.get(line.key) as Attempt).acknowledged!.position);
          } else {
            const first = firstPosition.get(line.attempt.key);
            if (first !== undefined) expect(first).toBeGreaterThan(acknowledgedUpTo);
          }
        }
        // Whatever of this run is in the log precedes everything of the next run.
        acknowledgedUpTo = Math.max(
          acknowledgedUpTo,
          ...lines.flatMap((line) =>
            line.kind === 'B' && firstPosition.has(line.attempt.key)
              ? [byId.get(line.attempt.ids[line.attempt.ids.length - 1])!.position]
              : [],
          ),
        );
      }

      // Strictly increasing positions, gap-free revisions per stream, recordedAt never going back.
      const revisions = new Map<string, number>();
      log.forEach((event, index) => {
        if (index > 0) {
          expect(event.position).toBeGreaterThan(log[index - 1].position);
          expect(event.recordedAt >= log[index - 1].recordedAt).toBe(true);
        }
        expect(event.revision).toBe((revisions.get(event.streamId) ?? -1) + 1);
        revisions.set(event.streamId, event.revision);
      });

      // Retries, all at once (so in groups): the original result, nothing added.
      const present = [...attempts.values()].filter((attempt) => firstPosition.has(attempt.key));
      const head = await store.headPosition();
      const retried = await Promise.all(
        present.map((attempt) =>
          store.appendToStream(
            attempt.streamId,
            attempt.ids.map((id) => {
              const stored = byId.get(id) as RecordedEvent;
              return { id, type: stored.type, data: stored.data, metadata: stored.metadata };
            }),
            { expectedRevision: 'any' },
          ),
        ),
      );
      present.forEach((attempt, index) => {
        const last = byId.get(attempt.ids[attempt.ids.length - 1]) as RecordedEvent;
        expect(retried[index]).toEqual({ nextExpectedRevision: last.revision, position: last.position });
        if (attempt.acknowledged) expect(retried[index]).toEqual(attempt.acknowledged);
      });
      expect(await store.headPosition()).toBe(head);
    } finally {
      await store.close();
    }
  }, 60_000);
});

/**
 * Group commit in the SQLite adapter: the writer thread against the event-loop writer, on the same file system,
 * with the raw durable single append (better-sqlite3, WAL + FULL, one insert per transaction) as the yardstick.
 * 1-event appends from 1 and 16 concurrent appenders, to distinct streams and to one stream ('any'); and the same
 * with 0.2 ms of CPU work on the event loop before every append (what a command costs before it appends).
 * Run: npx tsx benchmarks/group-commit.bench.ts (BENCH_SECONDS per case, default 2; BENCH_RUNS, default 3).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { applyPragmas, EVENTS_DDL } from '../libs/event-store/src/sqlite/sqlite-schema';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const workDir = mkdtempSync(join(tmpdir(), 'itp-group-commit-bench-'));
let fileCounter = 0;
const freshFile = () => join(workDir, `bench-${++fileCounter}.sqlite`);

function projectEvent(): EventToAppend {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    type: 'ProjectContractSigned',
    data: { projectId: randomUUID(), amountCny: '1200000000.00', sector: 'electronics', signedOn: '2014-03-05' },
    metadata: {
      actor: 'u-7f3a',
      role: 'investment-officer',
      unit: 'hengyang',
      commandId,
      correlationId: commandId,
      causationId: commandId,
    },
  };
}

/** Busy CPU on the event loop, as parsing, reading and deciding a command would be. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

interface Figures {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  /** Appends per transaction (from health()), and ms the event loop was busy per append (its utilisation). */
  perCommit: number;
  loopMsPerAppend: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function measureAdapter(
  writer: 'worker-thread' | 'event-loop',
  appenders: number,
  target: 'distinct' | 'one',
  cpuMs: number,
): Promise<Figures> {
  const store = new SqliteEventStore({ filePath: freshFile(), writer });
  try {
    await store.appendToStream('warm-up', [projectEvent()], { expectedRevision: 'no_stream' });
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    let counter = 0;
    const before = (await store.health()).detail ?? '';
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: appenders }, async () => {
        while (performance.now() < deadline) {
          if (cpuMs > 0) spin(cpuMs);
          const streamId = target === 'one' ? 'hot-stream' : `project-${counter++}`;
          const begun = performance.now();
          await store.appendToStream(streamId, [projectEvent()], {
            expectedRevision: target === 'one' ? 'any' : 'no_stream',
          });
          latencies.push(performance.now() - begun);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const loop = performance.eventLoopUtilization(loopBefore);
    const commits = (detail: string) => Number(/: (\d+) transactions/.exec(detail)?.[1] ?? NaN);
    const transactions = commits((await store.health()).detail ?? '') - commits(before);
    latencies.sort((a, b) => a - b);
    return {
      eventsPerSecond: latencies.length / elapsed,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      perCommit: latencies.length / transactions,
      loopMsPerAppend: loop.active / latencies.length,
    };
  } finally {
    await store.close();
  }
}

function measureRawSingle(): Figures {
  const db = new Database(freshFile());
  applyPragmas(db, { busyTimeoutMs: 5000 });
  db.exec(EVENTS_DDL);
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const one = db.transaction((event: EventToAppend, streamId: string) => {
    insert.run(
      event.id,
      streamId,
      0,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      new Date().toISOString(),
    );
  });
  try {
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    for (let index = 0; performance.now() < deadline; index += 1) {
      const begun = performance.now();
      one.immediate(projectEvent(), `project-${index}`);
      latencies.push(performance.now() - begun);
    }
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      eventsPerSecond: latencies.length / elapsed,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      perCommit: 1,
      loopMsPerAppend: (elapsed * 1000) / latencies.length,
    };
  } finally {
    db.close();
  }
}

const median = (values: readonly Figures[]): Figures => {
  const pick = (key: keyof Figures) => [...values.map((value) => value[key])].sort((a, b) => a - b)[values.length >> 1];
  return {
    eventsPerSecond: pick('eventsPerSecond'),
    p50: pick('p50'),
    p99: pick('p99'),
    perCommit: pick('perCommit'),
    loopMsPerAppend: pick('loopMsPerAppend'),
  };
};

async function main(): Promise<void> {
  const sqliteVersion = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  console.log(
    `Node ${process.version}, SQLite ${sqliteVersion}, ${availableParallelism()} cores, WAL + synchronous=FULL, ` +
      `${SECONDS} s per case, median of ${RUNS}, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}\n` +
      `events/s; p50 and p99 of each append's latency (ms); appends per commit; ms the event loop was busy per append`,
  );
  const cases = [
    { appenders: 1, target: 'distinct', cpuMs: 0 },
    { appenders: 16, target: 'distinct', cpuMs: 0 },
    { appenders: 1, target: 'one', cpuMs: 0 },
    { appenders: 16, target: 'one', cpuMs: 0 },
    { appenders: 16, target: 'distinct', cpuMs: 0.2 },
    { appenders: 64, target: 'distinct', cpuMs: 0.2 },
  ] as const;
  const raw: Figures[] = [];
  const rows: { label: string; worker: Figures; loop: Figures }[] = [];
  for (const { appenders, target, cpuMs } of cases) {
    const worker: Figures[] = [];
    const loop: Figures[] = [];
    // Interleaved, each side first in turn, so that drift in the disk hits both alike.
    for (let run = 0; run < RUNS; run += 1) {
      const order =
        run % 2 === 0 ? (['worker-thread', 'event-loop'] as const) : (['event-loop', 'worker-thread'] as const);
      for (const writer of order) {
        const figures = await measureAdapter(writer, appenders, target, cpuMs);
        (writer === 'worker-thread' ? worker : loop).push(figures);
      }
    }
    const label = `${appenders} appender${appenders > 1 ? 's' : ''}, ${target === 'one' ? 'one stream' : 'distinct streams'}${cpuMs > 0 ? `, ${cpuMs} ms CPU each` : ''}`;
    rows.push({ label, worker: median(worker), loop: median(loop) });
  }
  for (let run = 0; run < RUNS; run += 1) raw.push(measureRawSingle());
  const rawSingle = median(raw);

  const cells = (f: Figures) => [
    Math.round(f.eventsPerSecond).toLocaleString('en-US'),
    f.p50.toFixed(2),
    f.p99.toFixed(2),
    f.perCommit.toFixed(1),
    f.loopMsPerAppend.toFixed(3),
  ];
  const columns = ['ev/s', 'p50', 'p99', '/tx', 'loop'];
  const header = ['case', ...columns.map((c) => `thread ${c}`), ...columns.map((c) => `ev-loop ${c}`), 'thread/loop'];
  const table = [
    ...rows.map(({ label, worker, loop }) => [
      label,
      ...cells(worker),
      ...cells(loop),
      (worker.eventsPerSecond / loop.eventsPerSecond).toFixed(2),
    ]),
    ['raw better-sqlite3, 1 insert per transaction', ...cells(rawSingle), '', '', '', '', '', ''],
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column].length)));
  const print = (row: string[]) =>
    console.log(
      `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join(' | ')} |`,
    );
  console.log();
  print(header);
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  table.forEach(print);
  console.log(
    '(the raw row: "thread" columns are the raw figures; loop = ms per insert, the loop is blocked throughout)',
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));

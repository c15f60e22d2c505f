import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@itp/event-store';
import { AsOfEngine, DEFAULT_SNAPSHOT_EVERY, DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION } from '@itp/projections/as-of';
import { ReadModels } from '../apps/api/src/shared/queries/read-models';
import { REPORTS, type ReportDefinition } from '../apps/api/src/reports/report-catalogue';
import { generateLog } from './projections/generate-log';

/**
 * npm run bench:projections (after the main benchmark): the as-of engine on the province log of the projections
 * benchmark (BENCH_EVENTS, default 1,000,000, the same generator). Measures (a) the warm-up that folds the whole
 * log and writes the snapshots (every ITP_AS_OF_SNAPSHOT_EVERY events, default DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION), (b) the quarterly bulletin
 * as of BENCH_AS_OF_QUERIES (default 40) random recorded instants on a fresh engine (nothing in memory: each
 * answer loads the nearest snapshot and folds from it), p50 / p95 / mean, (c) the same instants again with the
 * in-memory states warm, (d) the snapshot file on disk and the process's peak RSS. BENCH_DIR reuses a generated log.
 */
const target = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const queries = Number(process.env.BENCH_AS_OF_QUERIES ?? 40);
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const every =
  process.env.ITP_AS_OF_SNAPSHOT_EVERY === undefined ? undefined : Number(process.env.ITP_AS_OF_SNAPSHOT_EVERY);
/** The api's budget unless ITP_AS_OF_SNAPSHOT_MB says otherwise (as for the api). */
const snapshotBudgetBytes =
  process.env.ITP_AS_OF_SNAPSHOT_MB === undefined ? undefined : Number(process.env.ITP_AS_OF_SNAPSHOT_MB) * 1_048_576;
const spacing =
  every === undefined
    ? `every ${Object.entries(DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION)
        .map(([name, events]) => `${n(events)} events (${name})`)
        .join(', ')}, ${n(DEFAULT_SNAPSHOT_EVERY)} (the others)`
    : `every ${n(every)} events`;
const ms = (nanos: bigint) => Number(nanos) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A deterministic sequence in [0, 1), so that runs ask the same instants. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DIR;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'itp-bench-as-of-'));
  try {
    if (reuse === undefined) {
      console.log(`Generating ${n(target)} events in ${dir} (the projections benchmark's generator) ...`);
      const g = await generateLog(dir, target);
      console.log(`  ${n(g.events)} events, ${n(g.projects)} projects, ${g.fileMb} MB`);
    }
    const eventStore = new SqliteEventStore({ filePath: join(dir, 'events.sqlite') });
    const head = await eventStore.headPosition();
    let first = '';
    for await (const event of eventStore.readAll({ maxCount: 1 })) first = event.recordedAt;
    let last = '';
    for await (const event of eventStore.readAll({ fromPosition: head - 1 })) last = event.recordedAt;
    const snapshotDir = join(dir, 'as-of');
    // BENCH_AS_OF_REUSE=1 (with BENCH_DIR): keep the snapshots a previous run wrote, skip the warm-up.
    const reuseSnapshots = reuse !== undefined && process.env.BENCH_AS_OF_REUSE === '1';
    if (!reuseSnapshots) rmSync(snapshotDir, { recursive: true, force: true });
    const warm = new AsOfEngine({ eventStore, snapshotDir, snapshotEvery: every, snapshotBudgetBytes });
    const warmStarted = process.hrtime.bigint();
    const warmed = reuseSnapshots ? { events: head } : await warm.warm();
    const warmMs = ms(process.hrtime.bigint() - warmStarted);
    const usage = warm.snapshotUsage();
    warm.close();

    const random = seeded(20140705);
    const [from, to] = [Date.parse(first), Date.parse(last)];
    const instants = Array.from({ length: queries }, () => new Date(from + random() * (to - from)).toISOString());
    const bulletinAt = async (engine: AsOfEngine, instant: string) => {
      const quarter = `${instant.slice(0, 4)}-Q${Math.floor(Number(instant.slice(5, 7)) / 3.0001) + 1}`;
      const compute = (REPORTS['quarterly-bulletin'] as ReportDefinition).prepare({ quarter }, new Date(instant), 10);
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const view = await engine.at({ instant }, { projections: REPORTS['quarterly-bulletin'].reads });
      const foldedMs = ms(process.hrtime.bigint() - started);
      await compute(new ReadModels(view.store));
      const used = process.cpuUsage(cpu);
      return { totalMs: ms(process.hrtime.bigint() - started), foldedMs, cpuMs: (used.user + used.system) / 1000 };
    };

    const cold = new AsOfEngine({
      eventStore,
      snapshotDir,
      snapshotEvery: every,
      snapshotBudgetBytes,
      cachedDocuments: 1,
    });
    const coldTimes: { totalMs: number; foldedMs: number; cpuMs: number }[] = [];
    for (const instant of instants) coldTimes.push(await bulletinAt(cold, instant));
    cold.close();
    const hot = new AsOfEngine({ eventStore, snapshotDir, snapshotEvery: every, snapshotBudgetBytes });
    // Each instant asked twice in a row: the second answer starts from the state the first one left in memory.
    const hotTimes: number[] = [];
    for (const instant of instants.slice(0, 6)) {
      await bulletinAt(hot, instant);
      hotTimes.push((await bulletinAt(hot, instant)).totalMs);
    }
    // An auditor's session: new instants, on an engine that keeps its recent answers (the api's default cache).
    const session = Array.from({ length: queries }, () => new Date(from + random() * (to - from)).toISOString());
    const sessionTimes: number[] = [];
    for (const instant of session) sessionTimes.push((await bulletinAt(hot, instant)).totalMs);
    hot.close();
    await eventStore.close();

    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return `p50 ${n(percentile(sorted, 0.5))} ms, p95 ${n(percentile(sorted, 0.95))} ms, mean ${n(mean)} ms`;
    };
    const fileBytes = statSync(join(snapshotDir, 'snapshots.sqlite')).size;
    const rows: [string, string][] = [
      ['events in the log', n(head)],
      [
        '(a) warm-up: fold the whole log, write snapshots',
        reuseSnapshots
          ? 'skipped (BENCH_AS_OF_REUSE=1: the snapshots of a previous run)'
          : `${(warmMs / 1000).toFixed(1)} s (${n((warmed.events / warmMs) * 1000)} events/s)`,
      ],
      [
        '(b) bulletin as of a random instant, cold (p50/p95/mean)',
        `${summary(coldTimes.map((t) => t.totalMs))} (${queries} instants)`,
      ],
      ['    of which: snapshot load + fold to the instant', summary(coldTimes.map((t) => t.foldedMs))],
      ['    CPU time of this process per answer (all threads)', summary(coldTimes.map((t) => t.cpuMs))],
      ['(c) an instant asked again right after (its state in memory)', summary(hotTimes)],
      [`(e) ${queries} new random instants, recent answers kept`, summary(sessionTimes)],
      [
        '(d) snapshots on disk',
        `${usage.snapshots} ${spacing}, ${(usage.bytes / 1e6).toFixed(1)} MB of bodies, file ${(fileBytes / 1e6).toFixed(1)} MB`,
      ],
      ['    peak RSS of this process', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(
      `\nAs-of benchmark (Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  } finally {
    if (reuse === undefined && process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The api's memory while auditors ask as-of questions on a 1M-event log: `npx tsx benchmarks/as-of-api.bench.ts`,
 * after `npm run build` and `benchmarks/as-of.bench.ts` (which leaves the log and its snapshots in BENCH_DIR).
 *
 * Starts the BUILT api (its own process, as production runs it) on BENCH_DIR as its data directory, the as-of
 * snapshots in BENCH_DIR/as-of, waits until its read models have caught up with the log (a first start folds them),
 * then asks over HTTP, one at a time: the quarterly bulletin, the targets and the assessment each as of
 * BENCH_AS_OF_QUERIES (default 20) random recorded instants, and the monthly dispatch (which reads every project's
 * progress series) as of a quarter of them; then, as of each of the same instants, the first page of the problems
 * and of the projects, and a project, an investor and a park by id (the project registered first, the first
 * investor and park by name). It samples the api's resident memory (VmRSS) every 50 ms and prints it
 * at ready, its peak (VmHWM) while answering, and after. BENCH_API_NODE_OPTIONS is passed to the api as
 * NODE_OPTIONS (by default the api's heap options, `npm run start:api`'s; "" for none), BENCH_API_NODE_ARGS as node's own
 * arguments (e.g. "--trace-gc"). A benchmark: it prints, never fails.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { SqliteEventStore } from '@itp/event-store';
import { freePort, memoryOf, startServer } from './commands/processes';
import { API_KEYS, BENCH_ADMIN_KEY } from './commands/workload';
import { API_HEAP_OPTIONS } from '../apps/api/src/heap-limit';

const ROOT = resolve(__dirname, '..');
const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const DIR = process.env.BENCH_DIR;
const QUERIES = Number(process.env.BENCH_AS_OF_QUERIES ?? 20);
/** By default the heap options the api is started with (apps/api/src/heap-limit.ts); "" for none. */
const NODE_OPTIONS = process.env.BENCH_API_NODE_OPTIONS ?? API_HEAP_OPTIONS.join(' ');
/** Flags NODE_OPTIONS refuses (e.g. --trace-gc, whose lines go to the api's log), given to node before the api. */
const NODE_ARGS = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
/** A deterministic sequence in [0, 1), so that runs ask the same instants. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function main(): Promise<void> {
  if (DIR === undefined || !existsSync(join(DIR, 'events.sqlite'))) {
    console.log('BENCH_DIR must name a data directory with events.sqlite (benchmarks/as-of.bench.ts leaves one).');
    return;
  }
  if (!existsSync(API_MAIN)) {
    console.log(`No built api at ${API_MAIN}: run npm run build first.`);
    return;
  }
  const events = new SqliteEventStore({ filePath: join(DIR, 'events.sqlite') });
  const head = await events.headPosition();
  const recorded: string[] = [];
  for await (const event of events.readAll({ maxCount: 1 })) recorded.push(event.recordedAt);
  for await (const event of events.readAll({ fromPosition: head - 1 })) recorded.push(event.recordedAt);
  await events.close();
  const [from, to] = recorded.map((instant) => Date.parse(instant));

  const port = await freePort();
  const started = Date.now();
  const api = await startServer(
    process.execPath,
    [...NODE_ARGS, API_MAIN],
    {
      PORT: String(port),
      ITP_DATA_DIR: DIR,
      ITP_API_KEYS: JSON.stringify(API_KEYS),
      LOG_LEVEL: 'warn',
      NODE_OPTIONS,
      MONGODB_URI: '',
      // Outside the data directory, as the api requires.
      ITP_SIGNING_KEY_FILE: join(DIR, '..', `${basename(DIR)}-signing-key.pem`),
    },
    port,
    join(DIR, 'as-of-api.log'),
  );
  const get = async (path: string) => {
    if (api.child.exitCode !== null || api.child.signalCode !== null)
      throw new Error(
        `the api exited (${api.child.exitCode ?? api.child.signalCode}): see ${join(DIR, 'as-of-api.log')}`,
      );
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` },
      signal: AbortSignal.timeout(120_000),
    });
    await response.arrayBuffer();
    return response.status;
  };
  try {
    // Caught up: a live answer at the log's head (503 projection-lagging until then).
    while ((await get(`/api/v1/reports/quarterly-bulletin?quarter=2016-Q2&minPosition=${head}`)) !== 200)
      await sleep(1000);
    const caughtUpSeconds = (Date.now() - started) / 1000;
    const ready = memoryOf(api.pid)!;
    let peakWhileAnswering = 0;
    const sampler = setInterval(() => {
      peakWhileAnswering = Math.max(peakWhileAnswering, memoryOf(api.pid)?.rssMb ?? 0);
    }, 50);

    // For the reads by id: the project registered first, and the first investor and park by name (a 404 as of an
    // instant before it was registered, timed and counted as an answer).
    const firstOf = async (path: string): Promise<string> => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` },
      });
      const body = (await response.json()) as { items: Record<string, string>[] };
      const first = body.items[0];
      return first.projectId ?? first.investorId ?? first.parkId;
    };
    const byId = {
      project: await firstOf('/api/v1/projects?sort=registeredOn&pageSize=1'),
      investor: await firstOf('/api/v1/investors?pageSize=1'),
      park: await firstOf('/api/v1/parks?pageSize=1'),
    };
    const random = seeded(20141231);
    const quarterOf = (instant: string) =>
      `${instant.slice(0, 4)}-Q${Math.floor(Number(instant.slice(5, 7)) / 3.0001) + 1}`;
    const times = new Map<string, number[]>();
    let notYet = 0;
    const ask = async (report: string, path: string, absentIsAnAnswer = false) => {
      const t0 = performance.now();
      const status = await get(path);
      if (absentIsAnAnswer && status === 404) notYet += 1;
      if (process.env.BENCH_VERBOSE === '1')
        console.error(
          `${report} ${Math.round(performance.now() - t0)} ms, api RSS ${memoryOf(api.pid)?.rssMb} MB (anonymous ${
            memoryOf(api.pid)?.anonMb
          }, files ${memoryOf(api.pid)?.fileMb})`,
        );
      if (status !== 200 && !(absentIsAnAnswer && status === 404)) throw new Error(`${path}: ${status}`);
      times.set(report, [...(times.get(report) ?? []), performance.now() - t0]);
    };
    for (let i = 0; i < QUERIES; i += 1) {
      const instant = new Date(from + random() * (to - from)).toISOString();
      const asOf = encodeURIComponent(instant);
      await ask('quarterly bulletin', `/api/v1/reports/quarterly-bulletin?quarter=${quarterOf(instant)}&asOf=${asOf}`);
      await ask('targets', `/api/v1/statistics/targets?year=${instant.slice(0, 4)}&asOf=${asOf}`);
      await ask('assessment', `/api/v1/assessment?year=${instant.slice(0, 4)}&asOf=${asOf}`);
      if (i % 4 === 0)
        await ask('monthly dispatch', `/api/v1/reports/monthly-dispatch?month=${instant.slice(0, 7)}&asOf=${asOf}`);
      // The other reads as of the same instant (the project library's state is the bulletin's, kept in memory).
      await ask('problems (first page)', `/api/v1/problems?asOf=${asOf}`);
      await ask('projects (first page)', `/api/v1/projects?pageSize=50&asOf=${asOf}`);
      await ask('a project, an investor, a park', `/api/v1/projects/${byId.project}?asOf=${asOf}`, true);
      await ask('a project, an investor, a park', `/api/v1/investors/${byId.investor}?asOf=${asOf}`, true);
      await ask('a project, an investor, a park', `/api/v1/parks/${byId.park}?asOf=${asOf}`, true);
    }
    clearInterval(sampler);
    const after = memoryOf(api.pid)!;
    console.log(
      `\nThe api under as-of questions (Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, NODE_OPTIONS "${NODE_OPTIONS}")`,
    );
    console.log(`events in the log                ${head.toLocaleString('en-US')}`);
    console.log(`start to caught up              ${caughtUpSeconds.toFixed(1)} s`);
    const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    for (const [report, values] of [...times, ['every question', [...times.values()].flat()] as const])
      console.log(
        `${`as of, ${report}`.padEnd(32)} p50 ${Math.round(percentile(values, 0.5))} ms, p95 ${Math.round(
          percentile(values, 0.95),
        )} ms, mean ${mean(values)} ms (${values.length} instants, over HTTP, the api's in-memory states on)`,
      );
    console.log(`(reads by id that answered 404, not yet registered at the instant, counted as answers: ${notYet})`);
    console.log(`api RSS at caught up            ${ready.rssMb} MB (peak so far ${ready.peakMb} MB)`);
    console.log(
      `api RSS peak while answering    ${Math.max(peakWhileAnswering, after.rssMb)} MB (sampled every 50 ms)`,
    );
    console.log(`api RSS after                   ${after.rssMb} MB (process peak VmHWM ${after.peakMb} MB)`);
  } finally {
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

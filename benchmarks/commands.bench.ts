/**
 * What a command costs end to end, and against what: `npm run bench:commands`.
 *
 * - The 8-command project lifecycle (register at intention, negotiation, contract, business registration,
 *   landing, construction, production, operation) for K projects (BENCH_PROJECTS, default 2000) over HTTP
 *   against the built api (dist/apps/api/apps/api/src/main.js, its own process, embedded SQLite, request logging
 *   at info to a file), at 1, 16 and 64 concurrent clients. The load comes from a separate process
 *   (benchmarks/commands/load-generator.ts, keep-alive node:http), whose CPU is reported.
 * - The same workload in process, straight to the api's CommandBus (no HTTP).
 * - Raw better-sqlite3 on the same table and pragmas: one insert per transaction (the durable single append) and
 *   1000 per transaction.
 * - A NestJS + Fastify hello world with the same pino request logging, under the same load generator.
 * - The Emmett peer harness (/work/shared/bench/emmett-peer) on the same workload, installed in a temp dir.
 * - fsync/fdatasync per acknowledged command, with strace attached to the api for one smaller run.
 *
 * It prints and never fails a test run. Environment: BENCH_PROJECTS (2000), BENCH_CLIENTS ("1,16,64"),
 * BENCH_STRACE_PROJECTS (150), BENCH_EMMETT ("seq-single,c16-single-mutex", or "off"), BENCH_EMMETT_RUNS (1),
 * BENCH_SKIP_BUILD=1 to use the existing build, BENCH_API_ENV (JSON of extra variables for the api),
 * BENCH_MEMORY_COMMANDS (e.g. 100000: one more api takes that many commands at 64 clients; its RSS is printed),
 * BENCH_API_HEAP=off to start the api without its heap options (apps/api/src/heap-limit.ts).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runEmmettPeer, type EmmettResult } from './commands/emmett-peer';
import { cpuSecondsOf, freePort, memoryOf, runForJson, startServer, type Server } from './commands/processes';
import { rawAppendRate } from './commands/raw-baselines';
import { attachStrace, straceAvailable, type FsyncCounts } from './commands/strace-fsyncs';
import { API_KEYS, BENCH_ADMIN_KEY, COMMANDS_PER_PROJECT, type RunReport } from './commands/workload';
import { API_HEAP_OPTIONS } from '../apps/api/src/heap-limit';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist/apps/api');
const API_MAIN = join(DIST, 'apps/api/src/main.js');
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 2000);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,16,64').split(',').map(Number);
const STRACE_PROJECTS = Number(process.env.BENCH_STRACE_PROJECTS ?? 150);
const EMMETT_ONLY = process.env.BENCH_EMMETT ?? 'seq-single,c16-single-mutex';
const EMMETT_RUNS = Number(process.env.BENCH_EMMETT_RUNS ?? 1);
const MEMORY_COMMANDS = Number(process.env.BENCH_MEMORY_COMMANDS ?? 0);
const API_ENV = JSON.parse(process.env.BENCH_API_ENV ?? '{}') as Record<string, string>;
/** The api runs with the heap options it is started with (BENCH_API_HEAP=off: without them). */
const API_HEAP: readonly string[] = process.env.BENCH_API_HEAP === 'off' ? [] : API_HEAP_OPTIONS;
const TSX = ['--import', 'tsx'];
const work = mkdtempSync(join(tmpdir(), 'itp-commands-bench-'));

interface Measured {
  label: string;
  clients: number;
  report: RunReport;
  /** Events appended in the timed part (from the log's head), or requests for the hello world. */
  events: number;
  serverCpu?: number;
  /** The api's resident memory when the run ended, and its peak (HTTP runs). */
  apiMemory?: { rssMb: number; peakMb: number };
}

const log = (line = '') => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

function headOf(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number }).head;
  } finally {
    db.close();
  }
}

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(API_MAIN)) throw new Error(`BENCH_SKIP_BUILD=1 but ${API_MAIN} is missing: run npm run build`);
    warn(`using the existing build (${new Date(statSync(API_MAIN).mtimeMs).toISOString()})`);
    return;
  }
  const started = performance.now();
  const result = spawnSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    // tsc still emits on type errors; a tree that others are editing may have one outside the api's hot path.
    if (!existsSync(API_MAIN))
      throw new Error(`nest build api failed: ${String(result.stdout)}${String(result.stderr)}`);
    log(
      `!! nest build api reported errors; measuring what it emitted:\n${String(result.stdout).trim().slice(0, 1500)}`,
    );
  }
  warn(`built the api in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function startApi(dataDir: string, port: number): Promise<Server> {
  return startServer(
    process.execPath,
    [...API_HEAP, API_MAIN],
    {
      PORT: String(port),
      ITP_DATA_DIR: dataDir,
      ITP_API_KEYS: JSON.stringify(API_KEYS),
      LOG_LEVEL: 'info',
      ...API_ENV,
    },
    port,
    join(dataDir, 'api.log'),
  );
}

const loadGenerator = (port: number, mode: 'lifecycle' | 'hello' | 'refused', projects: number, clients: number) =>
  runForJson<RunReport>(process.execPath, [
    ...TSX,
    join(__dirname, 'commands/load-generator.ts'),
    JSON.stringify({ url: `http://127.0.0.1:${port}`, key: BENCH_ADMIN_KEY, mode, projects, clients }),
  ]);

/**
 * A fresh api on a data dir of its own under one run of the load generator: the api's CPU, and the events it appended
 * (the lifecycle's investors, one per client, registered before the timed part, not counted); after the lifecycle,
 * its memory. `refused` sends the same number of requests, each refused at validation (see load-generator.ts).
 */
async function apiUnderLoad(
  mode: 'lifecycle' | 'refused',
  clients: number,
  projects: number,
  label: string,
): Promise<Measured> {
  const dataDir = mkdtempSync(join(work, `${mode}-c${clients}-`));
  const port = await freePort();
  const api = await startApi(dataDir, port);
  try {
    const cpuBefore = cpuSecondsOf(api.pid);
    const report = await loadGenerator(port, mode, projects, clients);
    const serverCpu = cpuSecondsOf(api.pid) - cpuBefore;
    if (mode === 'refused') return { label, clients, report, events: headOf(dataDir), serverCpu };
    return { label, clients, report, events: headOf(dataDir) - clients, serverCpu, apiMemory: memoryOf(api.pid) };
  } finally {
    await api.stop();
  }
}

const httpLifecycle = (clients: number, projects = PROJECTS, label = 'HTTP api') =>
  apiUnderLoad('lifecycle', clients, projects, label);

/** The api's HTTP path alone, up to its validation. */
const refusedAtValidation = (clients: number) => apiUnderLoad('refused', clients, PROJECTS, REFUSED);

async function helloWorld(clients: number, server: Server, port: number): Promise<Measured> {
  const cpuBefore = cpuSecondsOf(server.pid);
  const report = await loadGenerator(port, 'hello', PROJECTS, clients);
  return {
    label: 'HTTP hello world',
    clients,
    report,
    events: report.commands,
    serverCpu: cpuSecondsOf(server.pid) - cpuBefore,
  };
}

async function inProcess(clients: number): Promise<Measured> {
  const dataDir = mkdtempSync(join(work, `in-process-c${clients}-`));
  const report = await runForJson<RunReport>(
    process.execPath,
    [
      ...TSX,
      join(__dirname, 'commands/in-process-runner.ts'),
      JSON.stringify({ dist: DIST, projects: PROJECTS, clients }),
    ],
    { ITP_DATA_DIR: dataDir, ...API_ENV },
  );
  return { label: 'in process (CommandBus)', clients, report, events: headOf(dataDir) - clients };
}

async function fsyncsPerCommand(): Promise<{ counts: FsyncCounts; acknowledged: number } | string> {
  if (!straceAvailable()) return 'strace is not installed (apt-get install -y strace): fsyncs NOT counted';
  const dataDir = mkdtempSync(join(work, 'strace-'));
  const port = await freePort();
  const api = await startApi(dataDir, port);
  try {
    const tracer = await attachStrace(api.pid, join(dataDir, 'strace.txt'));
    const report = await loadGenerator(port, 'lifecycle', STRACE_PROJECTS, 16);
    const counts = await tracer.stop();
    // Every command that answered 2xx, plus the 16 investors registered before the timed part.
    return { counts, acknowledged: report.commands - report.errors + 16 };
  } catch (error) {
    return `strace could not count fsyncs: ${(error as Error).message}`;
  } finally {
    await api.stop();
  }
}

const REFUSED = 'HTTP api, 400 (refused)';
const rate = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';

async function main(): Promise<void> {
  const started = performance.now();
  log(
    `bench:commands: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ` +
      `load average at start ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
  );
  log(
    `Workload: ${PROJECTS} projects x ${COMMANDS_PER_PROJECT} commands = ${PROJECTS * COMMANDS_PER_PROJECT} commands, ` +
      `one event each; clients ${CLIENTS.join(', ')}; api V8 options: ${API_HEAP.join(' ') || '(none)'}; ` +
      `api event store: embedded SQLite (WAL, synchronous=FULL)` +
      (Object.keys(API_ENV).length > 0 ? `; api env ${JSON.stringify(API_ENV)}` : ''),
  );
  build();

  // Raw baselines first, on a quiet machine: the disk decides them (medians of 3).
  const rawDir = join(work, 'raw');
  mkdirSync(rawDir);
  const rawSingle = median([0, 1, 2].map(() => rawAppendRate(rawDir, 3000, 1)));
  const rawBatched = median([0, 1, 2].map(() => rawAppendRate(rawDir, PROJECTS * COMMANDS_PER_PROJECT, 1000)));

  const measured: Measured[] = [];
  const helloPort = await freePort();
  const helloDir = mkdtempSync(join(work, 'hello-'));
  const hello = await startServer(
    process.execPath,
    [...TSX, join(__dirname, 'commands/hello-app.ts')],
    { PORT: String(helloPort), LOG_LEVEL: 'info', ITP_DIST: DIST },
    helloPort,
    join(helloDir, 'hello.log'),
  );
  try {
    for (const clients of CLIENTS) measured.push(await helloWorld(clients, hello, helloPort));
  } finally {
    await hello.stop();
  }
  for (const clients of CLIENTS) measured.push(await httpLifecycle(clients));
  measured.push(await refusedAtValidation(16));
  for (const clients of CLIENTS) measured.push(await inProcess(clients));
  // The api's memory after many commands (one api, 64 clients): BENCH_MEMORY_COMMANDS, e.g. 100000 (0: not run).
  if (MEMORY_COMMANDS > 0)
    measured.push(await httpLifecycle(64, Math.ceil(MEMORY_COMMANDS / COMMANDS_PER_PROJECT), 'HTTP api, memory run'));
  const fsyncs = await fsyncsPerCommand();

  let emmett: EmmettResult | string;
  if (EMMETT_ONLY === 'off') emmett = 'BENCH_EMMETT=off: the Emmett peer was NOT run';
  else {
    try {
      emmett = await runEmmettPeer(PROJECTS, EMMETT_ONLY, EMMETT_RUNS);
    } catch (error) {
      emmett = `the Emmett peer could NOT be run: ${(error as Error).message}`;
    }
  }

  log();
  log(
    `| run                      | clients | commands | events | seconds | events/s | p50 ms | p99 ms | server CPU | client CPU | errors |`,
  );
  log(
    `|--------------------------|---------|----------|--------|---------|----------|--------|--------|------------|------------|--------|`,
  );
  // Events appended per second; for the hello world and the refused requests (nothing appended), requests.
  const perSecond = (m: Measured) =>
    (m.label === 'HTTP hello world' || m.label === REFUSED ? m.report.commands : m.events) / m.report.seconds;
  for (const m of measured) {
    const cores = (cpu: number | undefined) =>
      cpu === undefined ? '-' : `${(cpu / m.report.seconds).toFixed(2)} cores`;
    log(
      `| ${m.label.padEnd(24)} | ${String(m.clients).padStart(7)} | ${String(m.report.commands).padStart(8)} | ` +
        `${String(m.events).padStart(6)} | ${m.report.seconds.toFixed(2).padStart(7)} | ${rate(perSecond(m)).padStart(8)} | ` +
        `${m.report.p50.toFixed(2).padStart(6)} | ${m.report.p99.toFixed(2).padStart(6)} | ${cores(m.serverCpu).padStart(10)} | ` +
        `${cores(m.report.cpuSeconds).padStart(10)} | ${String(m.report.errors).padStart(6)} |`,
    );
    if (m.report.errors > 0)
      log(`  !! ${m.report.errors} ERRORS in ${m.label} at ${m.clients}: ${m.report.firstError}`);
    if (m.label === REFUSED) {
      if (m.events !== 0) log(`  !! ${m.label}: ${m.events} events in the log for commands all refused`);
    } else if (m.label !== 'HTTP hello world' && m.events !== m.report.commands - m.report.errors)
      log(`  !! ${m.label} at ${m.clients}: ${m.events} events in the log for ${m.report.commands} commands`);
  }
  for (const m of measured)
    if (m.apiMemory !== undefined)
      log(
        `api RSS after ${m.report.commands.toLocaleString('en-US')} commands (${m.label}, ${m.clients} clients): ` +
          `${m.apiMemory.rssMb} MB, peak ${m.apiMemory.peakMb} MB`,
      );
  log(
    '(hello world and refused: events/s are requests/s. server CPU = the api or hello process; client CPU = the load ' +
      'generator, or for "in process" the whole process: createApiApp from the build + app.get(CommandBus), no HTTP)',
  );
  log();
  log(`raw better-sqlite3, WAL + FULL, 1 insert per transaction (durable single append): ${rate(rawSingle)} events/s`);
  log(`raw better-sqlite3, WAL + FULL, 1000 inserts per transaction:                     ${rate(rawBatched)} events/s`);
  if (typeof emmett === 'string') log(`!! ${emmett}`);
  else {
    const shown = Object.entries(emmett.summary).filter(([key]) =>
      /_eps$|^(journal_mode|synchronous|sqlite_version|projects|events|failures)$/.test(key),
    );
    log(
      `Emmett peer, same workload in its own process (${emmett.setUp}): ${JSON.stringify(Object.fromEntries(shown))}`,
    );
    log(`Emmett best: ${emmett.best ? `${rate(emmett.best.eventsPerSecond)} events/s (${emmett.best.key})` : 'n/a'}`);
  }
  if (typeof fsyncs === 'string') log(`!! ${fsyncs}`);
  else {
    const files = [...fsyncs.counts.byFile.entries()].map(([file, count]) => `${file}: ${count}`).join(', ');
    log(
      `fsync+fdatasync per acknowledged command (strace -f on the api, ${STRACE_PROJECTS} projects at 16 clients, ` +
        `${fsyncs.acknowledged} commands): ${(fsyncs.counts.total / fsyncs.acknowledged).toFixed(3)} ` +
        `(${fsyncs.counts.total} calls; ${files})`,
    );
    log(fsyncs.counts.summary);
  }

  const find = (label: string, clients: number) =>
    measured.find((m) => m.label === label && m.clients === clients) as Measured | undefined;
  const rateOf = (m: Measured | undefined) => (m === undefined ? undefined : perSecond(m));
  const http16 = rateOf(find('HTTP api', 16));
  const emmettBest = typeof emmett === 'string' ? undefined : emmett.best?.eventsPerSecond;
  log();
  log('Ratios (events/s over events/s; the hello world in requests/s):');
  log(`  HTTP 16 clients / raw single append:     ${ratio(http16, rawSingle)}`);
  log(`  HTTP 16 clients / hello world 16:        ${ratio(http16, rateOf(find('HTTP hello world', 16)))}`);
  log(`  HTTP 16 clients / Emmett best:           ${ratio(http16, emmettBest)}`);
  log(`  in-process 16 / raw single append:       ${ratio(rateOf(find('in process (CommandBus)', 16)), rawSingle)}`);
  log(`  in-process 16 / Emmett best:             ${ratio(rateOf(find('in process (CommandBus)', 16)), emmettBest)}`);
  log(`  HTTP 1 client / raw single append:       ${ratio(rateOf(find('HTTP api', 1)), rawSingle)}`);
  log(`  HTTP 64 clients / raw batched (1000/tx): ${ratio(rateOf(find('HTTP api', 64)), rawBatched)}`);
  log();
  // What the targets would need of these cores even if a command cost nothing but these (README, "the floor").
  const hello1 = rateOf(find('HTTP hello world', 1));
  const hello16 = rateOf(find('HTTP hello world', 16));
  const helloThenAppend = hello1 === undefined ? undefined : 1 / (1 / hello1 + 1 / rawSingle);
  log('Ceilings from the baselines of this run (a command that cost nothing else):');
  log(
    `  HTTP 1 client, a hello world round trip then a raw durable append, in turn: ` +
      `${helloThenAppend === undefined ? 'n/a' : `${rate(helloThenAppend)}/s`} = ${ratio(helloThenAppend, rawSingle)} raw (target 0.3x)`,
  );
  log(`  HTTP 16 clients at the hello world's own rate: ${ratio(hello16, emmettBest)} Emmett best (target 5x)`);
  const refused16 = rateOf(find(REFUSED, 16));
  log(
    `  HTTP 16 clients, the api refusing every request at validation: ${ratio(refused16, hello16)} the hello world ` +
      `(target for commands 0.5x), ${ratio(refused16, rawSingle)} raw, ${ratio(refused16, emmettBest)} Emmett best`,
  );
  log();
  log(
    `Total ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
}

main()
  .catch((error: unknown) => {
    // A benchmark prints; it never fails a test run.
    warn(`bench:commands stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));

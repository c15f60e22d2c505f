import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_HEAP_OPTIONS } from '../apps/api/src/heap-limit';
import { summariseProfile } from './projections/cpu-profile-summary';
import type { ServingResult, StartupResult } from './projections/measure-phases';
import { formatQueries } from './projections/measure-queries';

/**
 * npm run bench:projections: generates a province's event log (BENCH_EVENTS, default 1,000,000) in a temp dir,
 * then measures (a) reading and parsing the log, (b) a full rebuild of every projection into the embedded read
 * store, (c) api start-up on that data dir, (d) each phase's peak RSS. A script, not a test.
 * BENCH_PROFILE=1 also CPU-profiles the rebuild and prints where its time goes. BENCH_KEEP=1 keeps the dir.
 * BENCH_COMMIT_EVERY_BATCH=1 also times the rebuild committing every batch (no catch-up commit window).
 */
type Phase =
  | 'generate'
  | 'read'
  | 'read-verified'
  | 'idle'
  | 'rebuild'
  | 'rebuild-verified'
  | 'rebuild-every-batch'
  | 'startup'
  | 'serving';
interface Outcome {
  result: Record<string, unknown>;
  peakRssMb: number;
}

const target = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const profile = process.env.BENCH_PROFILE === '1';
const dir = mkdtempSync(join(tmpdir(), 'itp-bench-'));

const runPhase = (phase: Phase, execArgv: string[] = []): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'projections', 'phase-main.ts'), [phase, dir, String(target)], {
      execArgv: [...process.execArgv, ...execArgv],
    });
    let outcome: Outcome | undefined;
    child.on('message', (message) => (outcome = message as Outcome));
    child.on('exit', (code) =>
      code === 0 && outcome ? resolve(outcome) : reject(new Error(`phase ${phase} exited with ${code}`)),
    );
  });

const n = (value: number) => Math.round(value).toLocaleString('en-US');

async function main(): Promise<void> {
  console.log(`Generating ${n(target)} events in ${dir} ...`);
  const generate = await runPhase('generate');
  const g = generate.result as Record<string, number>;
  console.log(
    `  ${n(g.events)} events, ${n(g.streams)} streams (${n(g.projects)} projects), ${g.avgEventBytes} bytes/event, ${g.fileMb} MB, ${g.seconds.toFixed(1)} s; ${g.refused} commands refused by the domain`,
  );
  const read = await runPhase('read');
  const idle = await runPhase('idle');
  const rebuild = await runPhase('rebuild', profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
  const everyBatch = process.env.BENCH_COMMIT_EVERY_BATCH === '1' ? await runPhase('rebuild-every-batch') : undefined;
  console.log('Building the api (start-up is measured on dist/, as production runs it) ...');
  execFileSync('npx', ['nest', 'build', 'api'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  // The api's phases run under the heap options it is started with (BENCH_API_HEAP=off: without them).
  const apiHeap = process.env.BENCH_API_HEAP === 'off' ? [] : [...API_HEAP_OPTIONS];
  console.log(`The api's phases with V8 options: ${apiHeap.join(' ') || '(none)'}`);
  const startup = await runPhase('startup', apiHeap);
  const serving = await runPhase('serving', ['--expose-gc', ...apiHeap]);
  // As the api's first fold into an empty read store runs (a rebuild it is asked for verifies the same way, with
  // a reader of its own): verifying the log as it reads it, against the baseline that does the same verification. After start-up, whose notary linked the
  // whole log: both check the streams' chains and the global chain against the notary's links, as the api does.
  const readVerified = await runPhase('read-verified');
  const rebuildVerified = await runPhase('rebuild-verified', apiHeap);
  // The same without a heap limit, as a process started without the api's options (the projector) runs it.
  const rebuildVerifiedUnbounded = apiHeap.length === 0 ? undefined : await runPhase('rebuild-verified');
  const q = serving.result as unknown as ServingResult;
  const r = read.result as Record<string, number>;
  const b = rebuild.result as Record<string, number>;
  const s = startup.result as unknown as StartupResult;
  const i = idle.result as Record<string, number>;
  const e = everyBatch?.result as Record<string, number> | undefined;
  const rv = readVerified.result as Record<string, number>;
  const bv = rebuildVerified.result as Record<string, number>;
  const bu = rebuildVerifiedUnbounded?.result as Record<string, number> | undefined;

  const rows: [string, string, string][] = [
    ['events in the log', n(b.events), ''],
    [
      '(a) read + JSON.parse via SqliteEventStore.readAll',
      `${n(r.rate)} events/s`,
      `${r.seconds.toFixed(2)} s, peak RSS ${read.peakRssMb} MB`,
    ],
    ['    same rows, raw SELECT + JSON.parse (reference)', `${n(r.rawSqlRate)} events/s`, ''],
    [
      '(b) full rebuild of ALL_PROJECTIONS, embedded store',
      `${n(b.rate)} events/s`,
      `${b.seconds.toFixed(2)} s, peak RSS ${rebuild.peakRssMb} MB`,
    ],
    ['    ratio b/a (aim >= 0.5)', (b.rate / r.rate).toFixed(2), ''],
    [
      "(a') read + parse + verify as a rebuild does (RebuildVerifier)",
      `${n(rv.rate)} events/s`,
      `${rv.seconds.toFixed(2)} s, ${rv.notary ? "streams' chains and the global chain against the notary's links" : "streams' chains (no notary.sqlite in the dir)"}, peak RSS ${readVerified.peakRssMb} MB`,
    ],
    [
      "(b') full rebuild verifying as it reads (the api's first fold)",
      `${n(bv.rate)} events/s`,
      `${bv.seconds.toFixed(2)} s, peak RSS ${rebuildVerified.peakRssMb} MB (aim <= 512), V8 options: ${apiHeap.join(' ') || '(none)'}`,
    ],
    ["    ratio b'/a' (aim >= 0.5: the issue's baseline for a verifying rebuild)", (bv.rate / rv.rate).toFixed(2), ''],
    ...(bu === undefined
      ? []
      : [
          [
            "    same, no heap limit (a process started without the api's options)",
            `${n(bu.rate)} events/s`,
            `${bu.seconds.toFixed(2)} s, peak RSS ${rebuildVerifiedUnbounded!.peakRssMb} MB; ratio to (a') ${(bu.rate / rv.rate).toFixed(2)}`,
          ] as [string, string, string],
        ]),
    [
      '    runner alone: a projection that handles nothing',
      `${n(i.rate)} events/s`,
      `ratio to (a) ${(i.rate / r.rate).toFixed(2)}`,
    ],
    ...(e === undefined
      ? []
      : [
          [
            '    same rebuild, committing every batch',
            `${n(e.rate)} events/s`,
            `${e.seconds.toFixed(2)} s, peak RSS ${everyBatch!.peakRssMb} MB`,
          ] as [string, string, string],
        ]),
    [
      '(c) api start to ready, first start (no notary records)',
      `${n(s.firstStart.readyMs)} ms`,
      `the notary then links ${n(s.firstStart.notaryEvents)} events in the background in ${(s.firstStart.notaryLinkedMs / 1000).toFixed(1)} s; slowest /health meanwhile ${n(s.firstStart.slowestHealthMs)} ms`,
    ],
    [
      '    api start to ready, after a clean stop (aim < 1 s)',
      `${n(s.readyMs)} ms`,
      `projections live at ${n(s.liveMs)} ms, health ${s.healthStatus}`,
    ],
    [
      '    first query after start (targets)',
      `${n(s.firstQueryMs)} ms`,
      `at once after ready (aim < 500 ms); ${n(q.firstQueryWarmMs)} ms once the read store warmed up (${n(q.warmUpMs)} ms after start)`,
    ],
    [
      '(e) api RSS serving: ready / after the queries below / after GC',
      `${q.rssMb.ready} / ${q.rssMb.afterQueries} / ${q.rssMb.afterGc ?? '-'} MB`,
      `heap used ${q.heapUsedMb.afterQueries} MB, ${q.heapUsedMb.afterGc ?? '-'} MB after GC; peak ${serving.peakRssMb} MB (aim <= 512)`,
    ],
    [
      '(d) peak RSS: generate / read / rebuild / startup / serving',
      `${generate.peakRssMb} / ${read.peakRssMb} / ${rebuild.peakRssMb} / ${startup.peakRssMb} / ${serving.peakRssMb} MB`,
      '',
    ],
    [
      'bulk load (raw INSERT, 10k/tx, synchronous=OFF)',
      `${n(g.events / g.seconds)} events/s`,
      'incl. simulation + hash chain',
    ],
    [
      'adapter appendToStream, one tx per command (sample)',
      `${n(g.adapterAppendRate)} events/s`,
      'WAL, synchronous=FULL',
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `\nProjections benchmark (${n(target)} events requested, Node ${process.version}, ${cpus().length} CPUs)`,
  );
  for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(26)}  ${note}`);
  console.log(
    `\nQueries on the ${n(b.events)}-event log (over HTTP in process, admin key; aim: p95 < 100 ms warm, first < 500 ms):`,
  );
  console.log(formatQueries(q.queries));
  console.log(`\ndocuments: ${JSON.stringify(rebuild.result.documents)}`);
  console.log(
    `document bytes, average: ${JSON.stringify(rebuild.result.avgDocumentBytes)}; largest: ${JSON.stringify(rebuild.result.maxDocumentBytes)}`,
  );
  if (profile) console.log(`\n${summariseProfile(dir)}`);
  console.log(
    `\n${JSON.stringify({ target, generate: generate.result, read: read.result, readVerified: rv, idle: idle.result, rebuild: rebuild.result, rebuildVerified: bv, rebuildVerifiedUnbounded: bu, apiHeap, rebuildEveryBatch: e, startup: startup.result, serving: serving.result, peakRssMb: { generate: generate.peakRssMb, read: read.peakRssMb, readVerified: readVerified.peakRssMb, rebuild: rebuild.peakRssMb, rebuildVerified: rebuildVerified.peakRssMb, rebuildVerifiedUnbounded: rebuildVerifiedUnbounded?.peakRssMb, startup: startup.peakRssMb, serving: serving.peakRssMb } })}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const suffix of ['', '.pub']) rmSync(`${dir}-signing-key.pem${suffix}`, { force: true });
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  });

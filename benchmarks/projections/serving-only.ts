import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * The serving phase of the projections benchmark alone, on a data dir a previous run kept (BENCH_KEEP=1), with
 * V8 options for the api's process: `npx tsx benchmarks/projections/serving-only.ts <dir> [--max-old-space-size=384]`.
 * Prints the phase's result (every documented query, the api's RSS) and its peak RSS as JSON.
 */
const [dir, ...v8Options] = process.argv.slice(2);
if (dir === undefined)
  throw new Error('usage: serving-only.ts <data dir kept by the projections benchmark> [v8 options]');
const child = fork(join(__dirname, 'phase-main.ts'), ['serving', dir, '0'], {
  execArgv: [...process.execArgv, '--expose-gc', ...v8Options],
});
child.on('message', (message) => console.log(JSON.stringify(message)));
child.on('exit', (code) => {
  if (code !== 0) console.log(JSON.stringify({ phase: 'serving', v8Options, exitCode: code }));
});

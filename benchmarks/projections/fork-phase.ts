import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * One phase of the projections benchmark alone (phase-main.ts in a process of its own), on a data dir a previous
 * run kept (BENCH_KEEP=1), with V8 options for that process; prints the phase's result and peak RSS as JSON.
 */
export function forkPhase(phase: 'serving' | 'startup', argv: readonly string[]): void {
  const [dir, ...v8Options] = argv;
  if (dir === undefined)
    throw new Error(`usage: ${phase}-only.ts <data dir kept by the projections benchmark> [v8 options]`);
  const child = fork(join(__dirname, 'phase-main.ts'), [phase, dir, '0'], {
    execArgv: [...process.execArgv, '--expose-gc', ...v8Options],
  });
  child.on('message', (message) => console.log(JSON.stringify(message)));
  child.on('exit', (code) => {
    if (code !== 0) console.log(JSON.stringify({ phase, v8Options, exitCode: code }));
  });
}

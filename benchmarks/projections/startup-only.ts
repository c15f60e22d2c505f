import { forkPhase } from './fork-phase';

/**
 * The start-up phase of the projections benchmark alone, on a data dir a previous run kept (BENCH_KEEP=1), with
 * V8 options for the api's process: `npx tsx benchmarks/projections/startup-only.ts <dir> --max-old-space-size=320
 * --max-semi-space-size=32`. Prints the phase's result (ready after a first and a later start, the first query at
 * once after ready) and its peak RSS as JSON.
 */
forkPhase('startup', process.argv.slice(2));

import { forkPhase } from './fork-phase';

/**
 * The serving phase of the projections benchmark alone, on a data dir a previous run kept (BENCH_KEEP=1), with
 * V8 options for the api's process: `npx tsx benchmarks/projections/serving-only.ts <dir> [--max-old-space-size=384]`.
 * Prints the phase's result (every documented query, the api's RSS) and its peak RSS as JSON.
 */
forkPhase('serving', process.argv.slice(2));

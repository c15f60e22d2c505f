import { join } from 'node:path';
import { generateLog } from './generate-log';
import {
  IDLE_PROJECTION,
  measureRead,
  measureReadVerified,
  measureRebuild,
  measureServing,
  measureStartup,
} from './measure-phases';

/**
 * One phase of the projections benchmark, in its own process (forked by projections.bench.ts), so that each
 * phase's peak RSS is its own and no phase warms the next one's heap.
 */
async function main(): Promise<void> {
  const [phase, dir, target] = process.argv.slice(2);
  const run = {
    generate: () => generateLog(dir, Number(target)),
    read: () => measureRead(dir),
    idle: () => measureRebuild(dir, { projections: [IDLE_PROJECTION] }),
    rebuild: () => measureRebuild(dir),
    'read-verified': () => measureReadVerified(dir),
    'rebuild-verified': () => measureRebuild(dir, { verified: true }),
    'rebuild-every-batch': () => measureRebuild(dir, { catchUpCommit: { events: 1, documents: 1 } }),
    startup: () => measureStartup(dir, join(__dirname, '..', '..', 'dist')),
    serving: () => measureServing(dir, join(__dirname, '..', '..', 'dist')),
  }[phase];
  if (run === undefined) throw new Error(`unknown phase ${phase}`);
  const result = await run();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.send!({ phase, result, peakRssMb });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run demo:recorded:generate`: writes scripts/demo/demo-2014-recorded.ndjson, the 2014 demo story as it would
 * have been recorded during 2014 (see recorded-demo.ts), from the BUILT api (`npm run build` first: tsx runs this
 * script, and esbuild emits no decorator metadata for Nest). The file is deterministic: the same story and the
 * same build write the same bytes, which test/cli/recorded-demo.e2e.spec.ts checks against the committed file.
 */
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { startInProcessApi, type CreateApiApp } from './in-process-api';
import { recordDemoYear } from './recorded-demo';

const ROOT = join(__dirname, '..', '..');
const BOOTSTRAP = join(ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'bootstrap.js');
const RECORDED_DEMO_FILE = join(__dirname, 'demo-2014-recorded.ndjson');

async function main(): Promise<number> {
  if (!existsSync(BOOTSTRAP)) {
    console.error(`The api is not built (${BOOTSTRAP} is missing): run npm run build first.`);
    return 2;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApiApp } = require(BOOTSTRAP) as { createApiApp: CreateApiApp };
  const api = await startInProcessApi(createApiApp);
  const partial = `${RECORDED_DEMO_FILE}.partial`;
  try {
    const output = createWriteStream(partial);
    const summary = await recordDemoYear(api, output);
    output.end();
    await finished(output);
    renameSync(partial, RECORDED_DEMO_FILE);
    console.log(
      `Wrote ${summary.events} events recorded on ${summary.days} days, up to ${summary.lastRecordedAt}, to ${RECORDED_DEMO_FILE}`,
    );
    return 0;
  } finally {
    await api.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

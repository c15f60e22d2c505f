/**
 * `npm run demo`: loads the 2014 demo data (exchange rates, parks, investors, ~27 projects across the 14
 * cities with their year) into a running ITP api, through its command API only. Safe to run again: a
 * second run appends nothing.
 *
 *   ITP_URL       the api (default http://localhost:3000)
 *   ITP_API_KEY   an admin key; without it, the first admin key of ${ITP_DATA_DIR:-./data}/api-keys.json,
 *                 the file the api creates on its first start with the embedded default
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoLoadError, fetchSender, Tally } from './client';
import { KINDS, loadDemoData } from './loader';

class SetupError extends Error {}

function apiKey(): string {
  const fromEnv = process.env.ITP_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  const file = join(resolve(process.env.ITP_DATA_DIR?.trim() || './data'), 'api-keys.json');
  if (!existsSync(file)) {
    throw new SetupError(
      `No API key: ITP_API_KEY is not set and ${file} does not exist.\nSet ITP_API_KEY to an admin key, or ITP_DATA_DIR to the data directory of the running api.`,
    );
  }
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SetupError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const admin = Array.isArray(entries)
    ? entries.find((entry) => entry?.role === 'admin' && typeof entry.key === 'string')
    : undefined;
  if (!admin) throw new SetupError(`${file} holds no admin key; set ITP_API_KEY to an admin key.`);
  return admin.key as string;
}

async function checkHealth(baseUrl: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new SetupError(
      `The ITP api is not running at ${baseUrl} (${cause}).\nStart it first (npm start, or npm run start:api after a build), or set ITP_URL.`,
    );
  }
  const body = await response.text();
  if (response.status !== 200)
    throw new SetupError(`The api at ${baseUrl} is not healthy (GET /health answered ${response.status}):\n${body}`);
}

function printSummary(tally: Tally): void {
  const width = Math.max(...KINDS.map((kind) => kind.length));
  console.log(`\n${'record'.padEnd(width)}  created  already present`);
  for (const kind of KINDS) {
    const row = tally.rows.get(kind) ?? { created: 0, present: 0 };
    console.log(`${kind.padEnd(width)}  ${String(row.created).padStart(7)}  ${String(row.present).padStart(15)}`);
  }
  console.log(`${'total'.padEnd(width)}  ${String(tally.created).padStart(7)}  ${String(tally.present).padStart(15)}`);
}

async function main(): Promise<number> {
  const baseUrl = process.env.ITP_URL?.trim() || 'http://localhost:3000';
  const tally = new Tally();
  try {
    await checkHealth(baseUrl);
    const send = fetchSender(baseUrl, apiKey());
    console.log(`Loading the 2014 demo data into ${baseUrl} ...`);
    await loadDemoData(send, { log: (line) => console.log(`  ${line}`), tally });
    printSummary(tally);
    console.log(
      tally.created === 0
        ? '\nNothing new: the demo data was already loaded.'
        : `\nDone. Explore it at ${new URL('/api/docs', baseUrl).href}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof DemoLoadError) {
      if (tally.created + tally.present > 0) printSummary(tally);
      console.error(`\nThe demo load stopped: the api refused a command.\n${error.describe()}`);
      return 1;
    }
    throw error;
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

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EMMETT_PEER_DIR = '/work/shared/bench/emmett-peer';

export interface EmmettResult {
  summary: Record<string, unknown>;
  /** The best append rate among the set-ups that completed, and which one it was. */
  best: { key: string; eventsPerSecond: number } | undefined;
  setUp: string;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

const chmodWritable = (path: string): void => {
  chmodSync(path, statSync(path).mode | 0o200);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chmodWritable(join(path, entry));
};

/**
 * The Emmett peer harness in a copy of its own under the temp dir (its folder is read-only, and Emmett is never
 * added to this repository): `npm ci` there once (it builds sqlite3 from source, about 2 min), kept for later
 * runs by the hash of its lockfile; then `node bench.mjs` on the same workload (K projects × 8 commands).
 */
export async function runEmmettPeer(projects: number, only: string, runs: number): Promise<EmmettResult> {
  const lock = readFileSync(join(EMMETT_PEER_DIR, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `itp-emmett-peer-${hash}`);
  const installed =
    existsSync(join(dir, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json')) &&
    existsSync(join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
  if (!installed) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(EMMETT_PEER_DIR, dir, { recursive: true });
    chmodWritable(dir);
    process.stderr.write(`Emmett peer: npm ci in ${dir} (builds sqlite3 from source, about 2 min)\n`);
    const install = await run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    if (install.code !== 0) throw new Error(`npm ci for the Emmett peer failed (exit ${install.code})`);
  }
  const dbDir = mkdtempSync(join(tmpdir(), 'itp-emmett-db-'));
  try {
    // One harness process per measurement, retried once: a run of several in one process sometimes stops on
    // SQLITE_IOERR when the harness deletes the file of the previous measurement.
    const summary: Record<string, unknown> = {};
    const failures: string[] = [];
    for (const measurement of only.split(',')) {
      let result = { code: 1 as number | null, stdout: '' };
      for (let attempt = 1; attempt <= 2 && result.code !== 0; attempt += 1) {
        const args = ['bench.mjs', '--projects', String(projects), '--db', join(dbDir, `emmett-${attempt}.sqlite`)];
        result = await run(process.execPath, [...args, '--only', measurement, '--runs', String(runs)], dir);
      }
      if (result.code !== 0) failures.push(`${measurement} failed twice (exit ${result.code})`);
      else
        Object.assign(summary, JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>);
    }
    if (failures.length > 0) summary.failures = failures;
    let best: EmmettResult['best'];
    for (const [key, value] of Object.entries(summary)) {
      if (!/^append_.*_eps$/.test(key) || typeof value !== 'number') continue;
      // The plain concurrent run of the default set-up does not complete (see the harness's README).
      if (/^append_c\d+_eps$/.test(key) && summary[key.replace('_eps', '_completed')] === false) continue;
      if (best === undefined || value > best.eventsPerSecond) best = { key, eventsPerSecond: value };
    }
    return { summary, best, setUp: `${dir} (--only ${only} --runs ${runs})` };
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
}

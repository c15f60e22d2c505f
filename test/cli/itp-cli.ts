import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The `itp` command line as people run it: the BUILT executable (package.json `bin`, `npm run build`), as a
 * child process of the test, with its own environment. CI builds before the tests; here it is built when a
 * source it compiles is newer than the build.
 */
const ROOT = join(__dirname, '..', '..');
export const ITP = join(ROOT, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
export const RECORDED_DEMO = join(ROOT, 'scripts', 'demo', 'demo-2014-recorded.ndjson');

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

/** Builds the command line unless its build is newer than every source it compiles (apps/cli, apps/api, libs). */
export function ensureCliBuilt(): void {
  const sources = Math.max(
    ...['apps/cli', 'apps/api/src', 'apps/projector/src', 'libs'].map((dir) => newestSource(join(ROOT, dir))),
  );
  let built = 0;
  try {
    built = statSync(ITP).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > sources) return;
  execFileSync('npx', ['nest', 'build', 'cli'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
}

export interface ItpRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `itp <args>` with ITP_DATA_DIR (and anything in `env`) set; stdout and stderr are pipes, not a terminal. */
export function itp(args: readonly string[], env: Record<string, string> = {}): Promise<ItpRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ITP, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh directory for data directories and files of one suite, removed by `remove`. */
export function scratch(): { dir: string; path: (...parts: string[]) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'itp-cli-'));
  return { dir, path: (...parts) => join(dir, ...parts), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

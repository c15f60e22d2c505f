import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * ITP processes as production runs them: the BUILT apps (dist/, `npm run build`), as child processes of the test.
 * (tsx cannot run the api from source: esbuild emits no decorator metadata, which Nest's injection needs.)
 */
const ROOT = join(__dirname, '..', '..');
const ENTRY = {
  api: join(ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js'),
  projector: join(ROOT, 'dist', 'apps', 'projector', 'apps', 'projector', 'src', 'main.js'),
} as const;

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

const builtAt = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** Builds the apps unless dist/ is newer than every source file of apps/ and libs/ (CI builds before the tests). */
export function ensureBuilt(): void {
  const sources = Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')));
  if (Math.min(builtAt(ENTRY.api), builtAt(ENTRY.projector)) > sources) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
}

/** A port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ItpProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** Resolves when the output matches, rejects when the process exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends the signal (default SIGTERM) and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

const started: ItpProcess[] = [];

/** Starts a built app with exactly `env` (plus PATH and HOME): nothing of the test's own environment leaks in. */
export function startItp(app: keyof typeof ENTRY, env: Record<string, string>, args: string[] = []): ItpProcess {
  const child = spawn(process.execPath, [ENTRY[app], ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const listener of listeners) listener();
  });
  let done: Exit | undefined;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      done = { code, signal };
      for (const listener of listeners) listener();
      resolve(done);
    }),
  );
  const handle: ItpProcess = {
    pid: child.pid!,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out) || pattern.test(err)) finish();
          else if (done !== undefined)
            finish(
              new Error(`${app} ${child.pid} exited (${JSON.stringify(done)}) before ${pattern}:\n${out}\n${err}`),
            );
        };
        const timer = setTimeout(
          () => finish(new Error(`${app} ${child.pid}: no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`)),
          timeoutMs,
        );
        const finish = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      }),
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done !== undefined) return done;
      child.kill('SIGCONT');
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
  started.push(handle);
  return handle;
}

/** Stops whatever a test left running (for afterEach/afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all(started.splice(0).map((handle) => handle.stop('SIGKILL')));
}

/**
 * JSON over HTTP to a child api, one connection per request (node:http without keep-alive): no pooled socket
 * outlives the test, whatever happens to the child.
 */
export function http(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  options: { key?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; headers: IncomingHttpHeaders }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          connection: 'close',
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON
          }
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export const ADMIN_KEY = 'multi-process-admin-key-0001';
export const API_KEYS = JSON.stringify([
  { key: ADMIN_KEY, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'multi-process' },
]);

/** Starts an api child and waits until it listens. */
export async function startApiProcess(env: Record<string, string>): Promise<ItpProcess & { port: number }> {
  const port = Number(env.PORT ?? (await freePort()));
  const api = startItp('api', { ITP_API_KEYS: API_KEYS, LOG_LEVEL: 'warn', ...env, PORT: String(port) });
  await api.waitForOutput(/ITP api listening/);
  return Object.assign(api, { port });
}

/**
 * The HTTP load generator of `npm run bench:commands`, run as its own process so that its CPU is its own (and
 * reported). Keep-alive connections, one per client. Prints one JSON line (RunReport) on stdout.
 *   node --import tsx benchmarks/commands/load-generator.ts '{"url":…,"key":…,"mode":"lifecycle"|"hello",…}'
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  COMMANDS_PER_PROJECT,
  investorBody,
  LIFECYCLE_STEPS,
  projectBody,
  runClients,
  summarise,
  type RunReport,
} from './workload';

interface Options {
  url: string;
  key: string;
  mode: 'lifecycle' | 'hello' | 'refused';
  projects: number;
  clients: number;
}

const options = JSON.parse(process.argv[2]) as Options;
const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
const base = new URL(options.url);

function post(path: string, body: unknown): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${options.key}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function main(): Promise<RunReport> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const timedPost = async (path: string, body: unknown, expected: number) => {
    const started = performance.now();
    const response = await post(path, body);
    latencies.push(performance.now() - started);
    if (response.status !== expected) {
      errors += 1;
      firstError ??= `${path}: ${response.status} ${response.body.slice(0, 300)}`;
      return undefined;
    }
    return response.body;
  };

  let work: () => Promise<void>;
  if (options.mode === 'refused') {
    // The api's own HTTP path up to its validation (the key, the guard, the pipe, the log, the problem details),
    // refused there: a registration whose identifiedOn is no date, 400, nothing read or appended.
    const perClient = Math.ceil((options.projects * COMMANDS_PER_PROJECT) / options.clients);
    work = () =>
      runClients(options.clients, options.clients, async (client) => {
        for (let index = 0; index < perClient; index += 1)
          await timedPost(
            '/api/v1/projects',
            { ...projectBody(`inv-${client}`, index), identifiedOn: '2014-13-45' },
            400,
          );
      });
  } else if (options.mode === 'hello') {
    const perClient = Math.ceil((options.projects * COMMANDS_PER_PROJECT) / options.clients);
    work = () =>
      runClients(options.clients, options.clients, async () => {
        for (let index = 0; index < perClient; index += 1) await timedPost('/hello', { reachedOn: '2014-02-20' }, 200);
      });
  } else {
    // Not timed: one investor per client, as registered by an integration system before it sends leads.
    const investors: string[] = [];
    for (let client = 0; client < options.clients; client += 1) {
      const response = await post('/api/v1/investors', investorBody(client));
      if (response.status !== 201) throw new Error(`cannot register an investor: ${response.status} ${response.body}`);
      investors.push((JSON.parse(response.body) as { id: string }).id);
    }
    work = () =>
      runClients(options.projects, options.clients, async (project, client) => {
        const registered = await timedPost('/api/v1/projects', projectBody(investors[client], project), 201);
        if (registered === undefined) return;
        const { id } = JSON.parse(registered) as { id: string };
        for (const step of LIFECYCLE_STEPS) {
          if ((await timedPost(`/api/v1/projects/${id}/${step.path}`, step.body, 200)) === undefined) return;
        }
      });
  }
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return summarise(latencies, seconds, errors, (cpu.user + cpu.system) / 1e6, firstError);
}

main()
  .then((report) => {
    agent.destroy();
    process.stdout.write(`${JSON.stringify(report)}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });

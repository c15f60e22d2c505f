/**
 * The command workload in process, for `npm run bench:commands`: the api's own Nest application (createApiApp
 * from the compiled build, so that Nest's decorator metadata is there, as in production) with commands sent
 * straight to its CommandBus: the handlers, the executor, the event store and the in-process projections, but
 * no HTTP (no Fastify, no validation pipe, no request logging). Each command's context is built as the HTTP
 * layer builds it (command id, SHA-256 request hash, today in Asia/Shanghai). Prints one JSON line (RunReport).
 *   ITP_DATA_DIR=… node --import tsx benchmarks/commands/in-process-runner.ts '{"dist":…,"projects":…,"clients":…}'
 */
import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  API_KEYS,
  investorBody,
  LIFECYCLE_STEPS,
  projectBody,
  runClients,
  summarise,
  type RunReport,
} from './workload';

interface Options {
  dist: string;
  projects: number;
  clients: number;
}

type Bus = { execute(command: unknown): Promise<{ id: string }> };
type CommandClass = new (command: unknown, context: unknown) => unknown;

const options = JSON.parse(process.argv[2]) as Options;
const load = createRequire(__filename);
const fromBuild = <T>(path: string): T => load(join(options.dist, path)) as T;

async function main(): Promise<RunReport> {
  const { createApiApp } = fromBuild<{
    createApiApp(
      config: unknown,
      options: { quiet: boolean },
    ): Promise<{ init(): Promise<unknown>; get(token: unknown): unknown; close(): Promise<void> }>;
  }>('apps/api/src/bootstrap.js');
  const { loadConfig } = fromBuild<{ loadConfig(env: Record<string, string>): unknown }>('libs/platform/src/index.js');
  const { ExecuteProjectCommand } = fromBuild<{ ExecuteProjectCommand: CommandClass }>(
    'apps/api/src/projects/execute-project-command.js',
  );
  const { ExecuteInvestorCommand } = fromBuild<{ ExecuteInvestorCommand: CommandClass }>(
    'apps/api/src/investors/execute-investor-command.js',
  );
  const { CommandBus } = load('@nestjs/cqrs') as { CommandBus: unknown };

  const config = loadConfig({
    ITP_DATA_DIR: process.env.ITP_DATA_DIR as string,
    ITP_API_KEYS: JSON.stringify(API_KEYS),
    LOG_LEVEL: 'info',
  });
  const app = await createApiApp(config, { quiet: true });
  await app.init();
  const bus = app.get(CommandBus) as Bus;

  const admin = API_KEYS[0];
  const principal = { keyId: 'bench', actor: admin.actor, role: admin.role, unit: admin.unit, cities: admin.cities };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
  const contextFor = (path: string, body: unknown) => {
    const commandId = randomUUID();
    const requestHash = createHash('sha256')
      .update(canonicalize({ method: 'POST', path, body }) ?? '')
      .digest('hex');
    return {
      principal,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      requestHash,
      recordedOn: today.format(new Date()),
    };
  };

  const investors: string[] = [];
  for (let client = 0; client < options.clients; client += 1) {
    const body = investorBody(client);
    const context = contextFor('/api/v1/investors', body);
    const data = {
      ...body,
      investorId: randomUUID(),
      recordedOn: context.recordedOn,
      registeredByUnit: principal.unit,
      unifiedSocialCreditCode: body.unifiedSocialCreditCode,
    };
    investors.push((await bus.execute(new ExecuteInvestorCommand({ type: 'RegisterInvestor', data }, context))).id);
  }

  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const timed = async (send: () => Promise<unknown>): Promise<boolean> => {
    const started = performance.now();
    try {
      await send();
      return true;
    } catch (error) {
      errors += 1;
      firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return false;
    } finally {
      latencies.push(performance.now() - started);
    }
  };

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await runClients(options.projects, options.clients, async (project, client) => {
    const body = projectBody(investors[client], project);
    const context = contextFor('/api/v1/projects', body);
    const projectId = randomUUID();
    const data = { ...body, projectId, recordedOn: context.recordedOn, parkId: null, promotionEvent: null };
    if (!(await timed(() => bus.execute(new ExecuteProjectCommand({ type: 'RegisterProject', data }, context)))))
      return;
    for (const step of LIFECYCLE_STEPS) {
      const stepContext = contextFor(`/api/v1/projects/${projectId}/${step.path}`, step.body);
      const command = {
        type: step.type,
        data: {
          projectId,
          recordedOn: stepContext.recordedOn,
          ...step.body,
          ...('stage' in step ? { stage: step.stage } : {}),
        },
      };
      if (!(await timed(() => bus.execute(new ExecuteProjectCommand(command, stepContext))))) return;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await app.close();
  return summarise(latencies, seconds, errors, (cpu.user + cpu.system) / 1e6, firstError);
}

main()
  .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });

import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The admin key the start-up phase configures (ITP_API_KEYS). */
export const BENCH_KEY = 'bench-admin-key-0000000001';

export interface QueryFigure {
  path: string;
  status: number;
  bytes: number;
  /** The first time this query ran in the process (after the ones before it in the list). */
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/** Years, months and quarters inside the simulated province's log (it starts in 2014-01). */
const YEAR = 2016;

/** Over HTTP when the app listens (light-my-request's inject keeps every response alive: no memory figure holds). */
export async function get(
  app: NestFastifyApplication,
  path: string,
): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  const address = app.getHttpServer().address();
  if (address !== null && typeof address === 'object') {
    const response = await fetch(`http://127.0.0.1:${address.port}${path}`, {
      headers: { authorization: `Bearer ${BENCH_KEY}` },
    });
    const body = await response.text();
    return { status: response.status, body, ms: ms(started) };
  }
  const response = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${BENCH_KEY}` } });
  return { status: response.statusCode, body: response.body, ms: ms(started) };
}

const firstId = async (app: NestFastifyApplication, path: string, key: string): Promise<string> => {
  const { body } = await get(app, path);
  const [item] = (JSON.parse(body) as { items: Record<string, string>[] }).items;
  return item?.[key] ?? 'none';
};

/**
 * Every documented query of the live read models (and the audit trail's, which reads the event store), each
 * through the whole HTTP stack (over a socket when the app listens, else app.inject). The
 * first call of each is its first after start; then `repeats` more give p50/p95.
 */
export async function measureQueries(app: NestFastifyApplication, repeats = 30): Promise<QueryFigure[]> {
  const paths: string[] = [
    `/api/v1/statistics/targets?year=${YEAR}`,
    `/api/v1/reports/monthly-dispatch?month=${YEAR}-06`,
    `/api/v1/reports/quarterly-bulletin?quarter=${YEAR}-Q2`,
    `/api/v1/assessment?year=${YEAR}`,
    `/api/v1/reports/promotion?year=${YEAR}`,
    '/api/v1/projects?pageSize=50',
    '/api/v1/projects?city=430100&stage=operating&sort=-registeredOn&page=2&pageSize=20',
  ];
  const figures: QueryFigure[] = [];
  const measure = async (path: string): Promise<void> => {
    const first = await get(app, path);
    const times: number[] = [];
    for (let i = 0; i < repeats; i += 1) times.push((await get(app, path)).ms);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    figures.push({
      path,
      status: first.status,
      bytes: first.body.length,
      firstMs: first.ms,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      maxMs: times[times.length - 1],
    });
  };
  for (const path of paths) await measure(path);
  const projectId = await firstId(app, '/api/v1/projects?pageSize=1&sort=-totalInvestment', 'projectId');
  const investorId = await firstId(app, '/api/v1/investors?pageSize=1', 'investorId');
  const parkId = await firstId(app, '/api/v1/parks?pageSize=1', 'parkId');
  const problems = JSON.parse((await get(app, `/api/v1/problems?projectId=${projectId}`)).body) as {
    items: { assignedUnit: string }[];
  };
  const unit = problems.items[0]?.assignedUnit;
  for (const path of [
    `/api/v1/projects/${projectId}`,
    `/api/v1/projects/${projectId}/history`,
    '/api/v1/investors?pageSize=50',
    `/api/v1/investors/${investorId}`,
    '/api/v1/parks',
    `/api/v1/parks/${parkId}`,
    `/api/v1/problems?projectId=${projectId}`,
    ...(unit === undefined ? [] : [`/api/v1/problems?assignedUnit=${encodeURIComponent(unit)}&status=open`]),
    '/api/v1/audit/events?limit=100',
    `/api/v1/audit/events?streamId=project-${projectId}&limit=100`,
  ])
    await measure(path);
  // The problems list is paged: its first page of every problem, and the dashboard's board (the 200 oldest open,
  // with the units summed over all of them). Each still evaluates every match to count and sum them.
  await measure('/api/v1/problems');
  await measure('/api/v1/problems?status=open&pageSize=200');
  return figures;
}

export const formatQueries = (figures: readonly QueryFigure[]): string => {
  const width = Math.max(...figures.map((f) => f.path.length));
  const lines = [
    `${'query'.padEnd(width)}  status  ${'bytes'.padStart(10)}  ${'first ms'.padStart(9)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}`,
  ];
  for (const f of figures)
    lines.push(
      `${f.path.padEnd(width)}  ${String(f.status).padStart(6)}  ${f.bytes.toLocaleString('en-US').padStart(10)}  ${f.firstMs.toFixed(1).padStart(9)}  ${f.p50Ms.toFixed(1).padStart(8)}  ${f.p95Ms.toFixed(1).padStart(8)}`,
    );
  return lines.join('\n');
};

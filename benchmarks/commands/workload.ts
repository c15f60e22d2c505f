/**
 * The workload of `npm run bench:commands`: each project's 8-command lifecycle, as in
 * test/commands/project-lifecycle.e2e.spec.ts and test/support/command-fixtures.ts. Business dates are in 2014:
 * the api's clock is real, and a business date may not be after the day a command is recorded.
 */

export const BENCH_ADMIN_KEY = 'bench-admin-key-0000000000001';

export const API_KEYS = [
  { key: BENCH_ADMIN_KEY, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'bench-admin' },
];

/** A Chinese investor (a credit code is required for country CN). */
export const investorBody = (index: number) => ({
  name: `Bench investor ${index}`,
  country: 'CN',
  unifiedSocialCreditCode: '91440400192548256N',
  rankings: ['china_top_100', 'listed'],
});

/** A Hengyang lead of CNY 3 billion, domestic capital (so no USD/CNY rate is needed), at the intention stage. */
export const projectBody = (investorId: string, index: number) => ({
  name: `Bench project ${index}`,
  investorId,
  city: '430400',
  industry: 'modern_services',
  capitalType: 'domestic',
  totalInvestment: { amount: '3000000000.00', currency: 'CNY' },
  sourceRegions: ['pearl_river_delta'],
  leadChannel: 'representative_office',
  introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
  stage: 'intention',
  identifiedOn: '2014-02-10',
});

/** The 7 commands after registration: HTTP path under /api/v1/projects/{id}/, body, and the domain command. */
export const LIFECYCLE_STEPS = [
  { path: 'negotiation', body: { reachedOn: '2014-02-20' }, type: 'AdvanceProjectStage', stage: 'negotiating' },
  { path: 'contract', body: { signedOn: '2014-03-05' }, type: 'SignProjectContract' },
  { path: 'business-registration', body: { registeredOn: '2014-03-20' }, type: 'RecordBusinessRegistration' },
  { path: 'landing', body: { reachedOn: '2014-04-01' }, type: 'AdvanceProjectStage', stage: 'landed' },
  { path: 'construction', body: { reachedOn: '2014-05-10' }, type: 'AdvanceProjectStage', stage: 'under_construction' },
  { path: 'production', body: { reachedOn: '2014-08-01' }, type: 'AdvanceProjectStage', stage: 'in_production' },
  { path: 'operation', body: { reachedOn: '2014-10-01' }, type: 'AdvanceProjectStage', stage: 'operating' },
] as const;

export const COMMANDS_PER_PROJECT = 1 + LIFECYCLE_STEPS.length;

/** What a runner (HTTP load generator or in-process) prints as its last stdout line. */
export interface RunReport {
  commands: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Per-command latency in ms. */
  p50: number;
  p99: number;
  /** CPU the runner itself used during the timed part (user + system, seconds). */
  cpuSeconds: number;
}

export function summarise(
  latencies: number[],
  seconds: number,
  errors: number,
  cpuSeconds: number,
  firstError?: string,
): RunReport {
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { commands: latencies.length, errors, firstError, seconds, p50: at(0.5), p99: at(0.99), cpuSeconds };
}

/** Runs `projects` projects through `run` on `clients` concurrent clients; each client takes the next project. */
export async function runClients(
  projects: number,
  clients: number,
  run: (project: number, client: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let project = next++; project < projects; project = next++) await run(project, client);
    }),
  );
}

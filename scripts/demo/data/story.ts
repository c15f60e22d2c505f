import type { CapitalType, CityCode, IndustryCode, LeadChannel, LeadStage, SourceRegionCode } from '@itp/domain';

/**
 * The vocabulary the demo data is written in: a project is its registration as a lead plus the steps of
 * its 2014 story, each dated with the business date the command carries. The loader turns every step into
 * one command of the HTTP API, in date order across all projects.
 */

export type Money = { amount: string; currency: 'CNY' | 'USD' };

const money = (currency: Money['currency']) => (amount: number): Money => {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`demo data: ${amount} is not a whole positive amount`);
  return { amount: `${amount}.00`, currency };
};
/** Whole yuan, e.g. cny(3_000_000_000). */
export const cny = money('CNY');
/** Whole dollars, e.g. usd(60_000_000). */
export const usd = money('USD');

export interface Introducer {
  unit: string;
  /** Exact decimal; the shares of a project sum to exactly 1. */
  share: string;
}

export interface ProjectDetails {
  name: string;
  city: CityCode;
  industry: IndustryCode;
  capitalType: CapitalType;
  totalInvestment: Money;
  sourceRegions: SourceRegionCode[];
  leadChannel: LeadChannel;
  promotionEvent?: { id: string; name: string };
  introducers: Introducer[];
}

export type StageResource = 'negotiation' | 'landing' | 'construction' | 'production' | 'operation';

/** One dated step of a project's story; `on` is the business date (also the order of the timeline). */
export type Step =
  | { kind: 'stage'; stage: StageResource; on: string }
  | { kind: 'contract'; on: string }
  | { kind: 'business-registration'; on: string }
  | { kind: 'suspension'; on: string; reason: string }
  | { kind: 'resumption'; on: string; note?: string }
  | { kind: 'abandonment'; on: string; reason: string }
  | { kind: 'problem'; problem: string; on: string; title: string; description: string; assignedUnit: string }
  | { kind: 'resolution'; problem: string; on: string; resolution: string }
  | { kind: 'xiangnan-batch'; batch: number; on: string }
  | { kind: 'amendment'; amendment: string; on: string; reason: string; changes: Partial<ProjectDetails> & { investor?: string; park?: string } };

export interface DemoProject extends ProjectDetails {
  /** Stable demo name: the Idempotency-Keys of all its commands derive from it. */
  slug: string;
  /** Slug of the investor (see investors.ts). */
  investor: string;
  /** Slug of the park (see parks.ts), when the project is in one. */
  park?: string;
  lead: { stage: LeadStage; on: string };
  steps: (Step | Step[])[];
  /**
   * Monthly progress (一月一调度), cumulative, from the month of signing to `until` (default 2014-12):
   * reaches `reach` × the total investment (as last amended) in the last month; `pause` months repeat the
   * previous figure. Only for projects that sign a contract.
   */
  progress?: { reach: string; until?: string; pause?: string[] };
}

export const negotiate = (on: string): Step => ({ kind: 'stage', stage: 'negotiation', on });
export const sign = (on: string): Step => ({ kind: 'contract', on });
export const registerBusiness = (on: string): Step => ({ kind: 'business-registration', on });
export const land = (on: string): Step => ({ kind: 'stage', stage: 'landing', on });
export const build = (on: string): Step => ({ kind: 'stage', stage: 'construction', on });
export const produce = (on: string): Step => ({ kind: 'stage', stage: 'production', on });
export const operate = (on: string): Step => ({ kind: 'stage', stage: 'operation', on });
export const suspend = (on: string, reason: string): Step => ({ kind: 'suspension', on, reason });
export const resume = (on: string, note?: string): Step => ({ kind: 'resumption', on, ...(note ? { note } : {}) });
export const abandon = (on: string, reason: string): Step => ({ kind: 'abandonment', on, reason });
export const xiangnanBatch = (on: string, batch = 3): Step => ({ kind: 'xiangnan-batch', batch, on });
export const amend = (amendment: string, on: string, reason: string, changes: Extract<Step, { kind: 'amendment' }>['changes']): Step => ({
  kind: 'amendment',
  amendment,
  on,
  reason,
  changes,
});

/** A problem put to the joint conference (联席会议), and its resolution when there is one. */
export const problem = (
  id: string,
  on: string,
  raised: { title: string; description: string; assignedUnit: string },
  resolved?: { on: string; resolution: string },
): Step[] => [
  { kind: 'problem', problem: id, on, ...raised },
  ...(resolved ? [{ kind: 'resolution' as const, problem: id, on: resolved.on, resolution: resolved.resolution }] : []),
];

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Months from `from` to `to` inclusive ('YYYY-MM'). */
export const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
};

/** Where a month's dispatch figure goes in the timeline: after every dated step of that month (a sort key, not a date). */
export const dispatchSortKey = (month: string): string => `${month}-~`;

/**
 * The cumulative figures of a project's monthly dispatch: a straight ramp, in cents with exact integer
 * arithmetic, so the series is non-decreasing and reproducible run after run.
 */
export const progressSeries = (project: DemoProject, signedOn: string): { month: string; amount: Money }[] => {
  if (!project.progress) return [];
  const { reach, until = '2014-12', pause = [] } = project.progress;
  const months = monthsBetween(signedOn.slice(0, 7), until);
  const working = months.filter((m) => !pause.includes(m)).length;
  const [whole, fraction = ''] = reach.split('.');
  const reachScaled = BigInt(whole + fraction.padEnd(6, '0').slice(0, 6)); // reach × 10^6
  const amended = project.steps.flat().flatMap((step) => (step.kind === 'amendment' && step.changes.totalInvestment ? [step.changes.totalInvestment] : []));
  const total = amended.at(-1) ?? project.totalInvestment; // the amount in force at the end of the year
  const totalCents = BigInt(total.amount.replace('.', ''));
  let done = 0;
  return months.map((month) => {
    if (!pause.includes(month)) done += 1;
    const cents = (totalCents * reachScaled * BigInt(done)) / (1_000_000n * BigInt(working));
    const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    return { month, amount: { amount, currency: total.currency } };
  });
};

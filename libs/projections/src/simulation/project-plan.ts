import {
  CITY_CODES,
  INDUSTRY_CODES,
  isXiangnanCity,
  LEAD_CHANNEL_CODES,
  LEAD_STAGES,
  SOURCE_REGION_CODES,
  type AdvanceableStage,
  type CityCode,
  type LeadStage,
  type RegisterProject,
} from '@itp/domain';
import type { Random } from './seeded-random';
import { after, type SimDate } from './simulated-calendar';

/** One command a simulated project will send, decided at plan time, built with current state when it runs. */
export type PlannedStep =
  | { kind: 'register' }
  | { kind: 'advance'; stage: AdvanceableStage }
  | { kind: 'sign' }
  | { kind: 'register-business' }
  | { kind: 'xiangnan'; batch: number }
  | { kind: 'suspend' }
  | { kind: 'resume' }
  | { kind: 'abandon' }
  | { kind: 'report' }
  | { kind: 'correct' }
  | { kind: 'raise'; problemId: string }
  | { kind: 'resolve'; problemId: string }
  | { kind: 'amend' };

export interface PlannedAction {
  at: SimDate;
  step: PlannedStep;
}

export interface ProjectPlan {
  /** What RegisterProject carries, less projectId, recordedOn and identifiedOn. */
  details: Omit<RegisterProject['data'], 'projectId' | 'recordedOn' | 'identifiedOn'>;
  actions: PlannedAction[];
}

/** Amounts in cents as decimal strings with two places. */
export const centsToAmount = (cents: number): string =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

const details = (
  rng: Random,
  index: number,
  investorId: string,
  parkOf: (city: CityCode) => string | null,
  stage: LeadStage,
): ProjectPlan['details'] => {
  const city = rng.pick(CITY_CODES);
  const foreign = rng.chance(0.25);
  const currency = foreign && rng.chance(0.7) ? 'USD' : 'CNY';
  // Log-uniform: most projects are mid-sized, a few are the "百亿" giants the seed talks about.
  const yuan = Math.round(Math.exp(Math.log(2e7) + rng.next() * (Math.log(1e10) - Math.log(2e7))));
  const amount = currency === 'USD' ? Math.round(yuan / 6.15) : yuan;
  const regions = [
    ...new Set([rng.int(0, SOURCE_REGION_CODES.length - 1), rng.int(0, SOURCE_REGION_CODES.length - 1)]),
  ].sort((a, b) => a - b);
  const leadChannel = rng.pick(LEAD_CHANNEL_CODES);
  const introducers = rng.chance(0.7)
    ? [{ unit: `city-bureau-${city}`, share: '1' }]
    : [
        { unit: `city-bureau-${city}`, share: '0.6' },
        { unit: 'provincial-commerce-department', share: '0.4' },
      ];
  return {
    name: `Transfer project ${index}`,
    investorId,
    city,
    parkId: rng.chance(0.7) ? parkOf(city) : null,
    industry: rng.pick(INDUSTRY_CODES),
    capitalType: foreign ? 'foreign' : 'domestic',
    totalInvestment: { amount: `${amount}.00`, currency },
    sourceRegions: regions.map((i) => SOURCE_REGION_CODES[i]),
    leadChannel,
    promotionEvent:
      leadChannel === 'promotion_event' ? { id: `event-${rng.int(1, 6)}`, name: 'Hunan investment week' } : null,
    introducers,
    stage,
  };
};

/**
 * A realistic lifecycle (seed item 22): lead, stage moves, signing, business registration, sometimes a
 * Xiangnan batch, a suspension or an early abandonment, landing to operating, then a monthly progress report
 * every month (一月一调度), problems raised and resolved (item 24), the odd correction and amendment.
 */
export const planProject = (
  rng: Random,
  index: number,
  start: SimDate,
  horizon: number,
  investorId: string,
  parkOf: (city: CityCode) => string | null,
): ProjectPlan => {
  const stage = rng.pick(LEAD_STAGES);
  const plan: ProjectPlan = { details: details(rng, index, investorId, parkOf, stage), actions: [] };
  const add = (at: SimDate, step: PlannedStep) => {
    if (at.month < horizon) plan.actions.push({ at, step });
  };
  add(start, { kind: 'register' });
  let t = start;
  if (stage === 'strategy' && rng.chance(0.5))
    add((t = after(t, 1, rng.int(1, 28))), { kind: 'advance', stage: 'intention' });
  if (stage !== 'negotiating' && rng.chance(0.7))
    add((t = after(t, rng.int(1, 2), rng.int(1, 28))), { kind: 'advance', stage: 'negotiating' });
  if (rng.chance(0.08)) {
    add(after(t, rng.int(2, 6), 15), { kind: 'abandon' });
    return plan;
  }
  const signed = (t = after(t, rng.int(1, 4), rng.int(1, 28)));
  add(signed, { kind: 'sign' });
  if (rng.chance(0.9)) add(after(signed, 1, rng.int(1, 28)), { kind: 'register-business' });
  if (isXiangnanCity(plan.details.city) && rng.chance(0.5)) add(after(signed, 1, 2), { kind: 'xiangnan', batch: 3 });
  if (rng.chance(0.05)) add(after(signed, 1, 8), { kind: 'amend' });
  let endMonth = horizon;
  t = after(signed, 1, 9);
  if (rng.chance(0.1)) {
    add((t = after(signed, 2, 10)), { kind: 'suspend' });
    if (rng.chance(0.25)) {
      add((t = after(t, rng.int(1, 3), 10)), { kind: 'abandon' });
      endMonth = t.month;
    } else {
      add((t = after(t, rng.int(1, 3), 10)), { kind: 'resume' });
    }
  }
  if (endMonth === horizon) {
    for (const [next, gap] of [
      ['landed', [2, 4]],
      ['under_construction', [2, 5]],
      ['in_production', [6, 14]],
      ['operating', [3, 10]],
    ] as const) {
      add((t = after(t, rng.int(gap[0], gap[1]), rng.int(1, 24))), { kind: 'advance', stage: next });
    }
  }
  let problem = 0;
  for (let month = start.month + 1; month < endMonth; month++) {
    if (month > signed.month) {
      add({ month, day: 25 }, { kind: 'report' });
      if (rng.chance(0.03)) add({ month, day: 27 }, { kind: 'correct' });
    }
    if (rng.chance(1 / 6)) {
      const problemId = `pb-${++problem}`;
      add({ month, day: 12 }, { kind: 'raise', problemId });
      if (rng.chance(0.85)) add({ month: month + rng.int(1, 3), day: 20 }, { kind: 'resolve', problemId });
    }
  }
  return plan;
};

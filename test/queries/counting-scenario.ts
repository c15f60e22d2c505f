import type { ApiHarness } from '../support/api-harness';
import { Commands, money } from './query-fixtures';

/**
 * The hand-worked scenario of the counting suites (all dates 2014; "today" is 2014-12-31):
 *
 * rates USD/CNY 6.1000 from 01-02 and 6.2000 from 06-15. Every project signed on 01-20, in Changsha unless said.
 *   p1 CNY 199,999,999.99 domestic, registered 02-14 (Q1)                 -> below the threshold: not counted
 *   p2 CNY 200,000,000.00 domestic, registered 03-20 (Q1), firm T         -> counted; credit 0.6667 Changsha / 0.3333 HK office
 *   p3 USD  29,999,999.99 foreign, Hengyang, registered 04-15, firm F     -> below: not counted (but F's first entity in Hunan)
 *   p4 USD  30,000,000.00 foreign, Hengyang, registered 05-20 (Q2), F     -> counted; CNY 183,000,000.00 at 6.1000
 *   p5 CNY 250,000,000.00 registered 06-05 (Q2), then amended to 150M     -> counted (the amendment changes nothing)
 *   p6 CNY 300,000,000.00 Zhuzhou, auto parts, registered 04-02 (Q2), abandoned 06-20 -> counted (counting is final)
 *   p7 CNY 305,000,000.00 Hengyang, Xiangnan batch 3 on 05-10, firm U     -> major: USD 50M x 6.1000 = CNY 305,000,000.00
 *   p8 CNY 304,999,999.99 Chenzhou, Xiangnan batch 3 on 05-10             -> not major
 *   p9 CNY 500,000,000.00 registered 07-08 (Q3), firm T                   -> counted
 */
export async function countingScenario(api: ApiHarness) {
  const c = new Commands(api);
  await c.rate('6.1000', '2014-01-02');
  await c.rate('6.2000', '2014-06-15');
  const fortune = await c.investor('F Fortune Electronics', ['fortune_global_500'], { country: 'TW' });
  const top100 = await c.investor('T Top Hundred Machinery', ['china_top_100'], { country: 'HK' });
  const unranked = await c.investor('Plain Trading', []);
  const unregistered = await c.investor('U Fortune Never Registered', ['fortune_global_500'], { country: 'US' });
  const hengyang = { city: '430400', introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }] };
  const foreign = { capitalType: 'foreign', sourceRegions: ['hong_kong_macao_taiwan'] };

  const p1 = await c.signedProject('p1 domestic just below', {
    investorId: unranked,
    totalInvestment: money('199999999.99'),
  });
  const p2 = await c.signedProject('p2 domestic at threshold', {
    investorId: top100,
    totalInvestment: money('200000000.00'),
    introducers: [
      { unit: 'changsha-commerce-bureau', share: '0.6667' },
      { unit: 'hk-representative-office', share: '0.3333' },
    ],
  });
  const p3 = await c.signedProject('p3 foreign just below', {
    investorId: fortune,
    ...hengyang,
    ...foreign,
    totalInvestment: money('29999999.99', 'USD'),
  });
  const p4 = await c.signedProject('p4 foreign at threshold', {
    investorId: fortune,
    ...hengyang,
    ...foreign,
    totalInvestment: money('30000000.00', 'USD'),
  });
  const p5 = await c.signedProject('p5 amended after registration', {
    investorId: unranked,
    totalInvestment: money('250000000.00'),
  });
  const p6 = await c.signedProject('p6 abandoned after registration', {
    investorId: unranked,
    city: '430200',
    industry: 'auto_parts',
    totalInvestment: money('300000000.00'),
    introducers: [{ unit: 'zhuzhou-commerce-bureau', share: '1' }],
  });
  const p7 = await c.signedProject('p7 Xiangnan major', {
    investorId: unregistered,
    ...hengyang,
    totalInvestment: money('305000000.00'),
  });
  const p8 = await c.signedProject('p8 Xiangnan just below', {
    investorId: unranked,
    city: '431000',
    introducers: [{ unit: 'chenzhou-commerce-bureau', share: '1' }],
    totalInvestment: money('304999999.99'),
  });
  const p9 = await c.signedProject('p9 registered in Q3', {
    investorId: top100,
    totalInvestment: money('500000000.00'),
  });

  await c.register(p1, '2014-02-14');
  await c.register(p2, '2014-03-20');
  await c.register(p6, '2014-04-02');
  await c.register(p3, '2014-04-15');
  await c.register(p4, '2014-05-20');
  await c.register(p5, '2014-06-05');
  await c.register(p9, '2014-07-08');
  await c.post(`projects/${p7}/demonstration-zone-batch`, { batch: 3, assignedOn: '2014-05-10' });
  await c.post(`projects/${p8}/demonstration-zone-batch`, { batch: 3, assignedOn: '2014-05-10' });

  const progress = (id: string, month: string, amount: string, currency: 'CNY' | 'USD' = 'CNY') =>
    c.post(`projects/${id}/progress-reports`, { month, investmentCompletedToDate: money(amount, currency) });
  await progress(p2, '2014-04', '20000000.00');
  await progress(p2, '2014-06', '35000000.00');
  await progress(p4, '2014-05', '1000000.00', 'USD');
  await progress(p4, '2014-06', '2500000.00', 'USD');
  await progress(p5, '2014-06', '10000000.00');
  await progress(p6, '2014-05', '5000000.00');
  await progress(p9, '2014-06', '1000000.00');

  const customs = await c.post(`projects/${p4}/problems`, {
    title: 'Customs clearance',
    description: 'Bonded import of equipment',
    assignedUnit: 'changsha-customs',
    raisedOn: '2014-05-05',
  });
  await c.post(`projects/${p4}/problems/${customs.problemId}/resolution`, {
    resolution: 'Green channel opened',
    resolvedOn: '2014-06-25',
  });
  await c.post(`projects/${p7}/problems`, {
    title: 'Land approval',
    description: 'Land quota not granted',
    assignedUnit: 'land-resources-department',
    raisedOn: '2014-06-02',
  });
  await c.post(`projects/${p2}/problems`, {
    title: 'Power supply',
    description: 'Substation capacity',
    assignedUnit: 'state-grid-hunan',
    raisedOn: '2014-07-02',
  });

  await c.post(`projects/${p5}`, { totalInvestment: money('150000000.00'), reason: 'Phase two dropped' }, 'PATCH');
  await c.post(`projects/${p6}/abandonment`, { reason: 'Investor withdrew', abandonedOn: '2014-06-20' });

  const songmu = (
    await c.post('parks', {
      name: 'Hengyang Songmu industrial park',
      city: '430400',
      level: 'provincial_park',
      levelApprovedOn: '2006-05-01',
    })
  ).id;
  await c.post(`parks/${songmu}/upgrades`, { level: 'national_etdz', approvedOn: '2014-08-18' });
  await c.post(`parks/${songmu}/factory-completions`, { floorAreaSqm: '6000000.25', completedOn: '2014-03-31' });
  await c.post(`parks/${songmu}/factory-completions`, { floorAreaSqm: '3999999.74', completedOn: '2014-09-30' });
  const bonded = (
    await c.post('parks', {
      name: 'Hengyang comprehensive bonded zone',
      city: '430400',
      level: 'export_processing_zone',
      levelApprovedOn: '2008-01-01',
    })
  ).id;
  await c.post(`parks/${bonded}/upgrades`, { level: 'comprehensive_bonded_zone', approvedOn: '2014-07-03' });

  return {
    commands: c,
    projects: { p1, p2, p3, p4, p5, p6, p7, p8, p9 },
    investors: { fortune, top100, unranked, unregistered },
    parks: { songmu, bonded },
  };
}

export type CountingScenario = Awaited<ReturnType<typeof countingScenario>>;

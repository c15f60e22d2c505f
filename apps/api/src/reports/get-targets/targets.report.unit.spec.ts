import { rateTable, type InvestorEvent, type ParkEvent, type ProjectEvent } from '@itp/domain';
import { investorLibraryProjection, parkLibraryProjection, projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import {
  businessRegistered,
  FLAT_RATE_EVENTS,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import { targetsReport } from './targets.report';
import { targetsFor } from './year-targets';

const log = eventLog();
const project = (
  id: string,
  registeredOn: string | null,
  overrides: Parameters<typeof projectRegistered>[0] = {},
  more: ProjectEvent[] = [],
) => {
  const registered = projectRegistered({ projectId: id, parkId: null, ...overrides });
  log.record(`project-${id}`, [
    registered,
    projectEvents(id).contractSigned('2013-06-01'),
    ...(registeredOn ? [businessRegistered(registered, registeredOn)] : []),
    ...more,
  ]);
};
const cny = (amount: string) => ({ totalInvestment: { amount, currency: 'CNY' as const } });
const usd = (amount: string) => ({
  capitalType: 'foreign' as const,
  totalInvestment: { amount, currency: 'USD' as const },
});
const investor = (investorId: string, rankings: string[]): InvestorEvent =>
  ({
    type: 'InvestorRegistered',
    data: {
      investorId,
      registeredByUnit: 'changsha-commerce-bureau',
      name: `Firm ${investorId}`,
      country: 'CN',
      unifiedSocialCreditCode: null,
      rankings,
    },
  }) as InvestorEvent;

log.record('investor-fortune', [investor('fortune', ['fortune_global_500'])]);
log.record('investor-top100', [investor('top100', ['china_top_100', 'listed'])]);
log.record('investor-plain', [investor('plain', ['listed'])]);

project('at-threshold', '2014-03-10', { ...cny('200000000.00'), investorId: 'fortune' });
project('below-threshold', '2014-03-11', cny('199999999.99'));
project('last-year', '2013-12-31', { ...cny('900000000.00'), investorId: 'top100' });
project('top100-again', '2014-02-01', { ...cny('100.00'), investorId: 'top100' });
project('plain-firm', '2014-04-01', { ...usd('30000000.00'), investorId: 'plain' });
project('abandoned', '2014-05-05', cny('300000000.00'), [projectEvents('abandoned').abandoned('2014-06-01')]);
project('xiangnan-major', null, { city: '430400', ...usd('50000000.00') }, [
  projectEvents('xiangnan-major').assignedToXiangnan(
    '430400',
    { amount: '50000000.00', currency: 'USD' },
    3,
    '2014-02-15',
  ),
]);
project('xiangnan-small', null, { city: '431000', ...usd('49999999.99') }, [
  projectEvents('xiangnan-small').assignedToXiangnan(
    '431000',
    { amount: '49999999.99', currency: 'USD' },
    3,
    '2014-02-15',
  ),
]);
project('xiangnan-batch-2', null, { city: '431100', ...usd('80000000.00') }, [
  projectEvents('xiangnan-batch-2').assignedToXiangnan(
    '431100',
    { amount: '80000000.00', currency: 'USD' },
    2,
    '2014-02-15',
  ),
]);

const park = (parkId: string, level: string, levelApprovedOn: string | null, more: ParkEvent[] = []) =>
  log.record(`park-${parkId}`, [
    {
      type: 'ParkRegistered',
      data: { parkId, name: `Park ${parkId}`, city: '430400', level, levelApprovedOn },
    } as ParkEvent,
    ...more,
  ]);
const factory = (parkId: string, floorAreaSqm: string, completedOn: string): ParkEvent => ({
  type: 'ParkStandardFactoryCompleted',
  data: { parkId, city: '430400', floorAreaSqm, completedOn, description: null },
});

park('upgraded', 'provincial_park', '2008-01-01', [
  {
    type: 'ParkUpgraded',
    data: { parkId: 'upgraded', from: 'provincial_park', to: 'national_etdz', approvedOn: '2014-05-20' },
  },
  factory('upgraded', '6000000.25', '2014-04-01'),
]);
park('new-national', 'national_high_tech_zone', '2014-09-01', [
  factory('new-national', '3999999.75', '2014-12-31'),
  factory('new-national', '500000', '2015-01-01'),
]);
park('old-national', 'national_etdz', '2010-01-01', [factory('old-national', '1', '2013-12-31')]);
park('bonded', 'export_processing_zone', '2009-01-01', [
  {
    type: 'ParkUpgraded',
    data: {
      parkId: 'bonded',
      from: 'export_processing_zone',
      to: 'comprehensive_bonded_zone',
      approvedOn: '2014-11-11',
    },
  },
]);

let data: Parameters<typeof targetsReport>[2];
let report: ReturnType<typeof targetsReport>;
beforeAll(async () => {
  data = {
    projects: await fold(projectLibraryProjection, log.events),
    investors: await fold(investorLibraryProjection, log.events),
    parks: await fold(parkLibraryProjection, log.events),
    rates: rateTable(FLAT_RATE_EVENTS),
  };
  report = targetsReport(2014, targetsFor(2014), data);
});

describe('progress against the 2014 targets', () => {
  it('counts registrations of the year at or above the threshold, abandoned ones included', () => {
    expect(report.transferProjects.projects.map((p) => p.projectId).sort()).toEqual([
      'abandoned',
      'at-threshold',
      'plain-firm',
    ]);
    expect(report.transferProjects).toMatchObject({
      counted: 3,
      target: 130,
      stretch: 150,
      met: false,
      abandonedSinceCounted: 1,
    });
  });

  it('gives each counted project the amount recorded at registration, in CNY at the rate on that date', () =>
    // plain-firm: USD 30,000,000.00 x 6.1000 = CNY 183,000,000.00
    expect(report.transferProjects.projects.find((p) => p.projectId === 'plain-firm')).toMatchObject({
      registeredInvestment: { amount: '30000000.00', currency: 'USD' },
      registeredInvestmentCny: {
        amount: '183000000.00',
        exact: '183000000.00',
        rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
      },
    }));

  it('counts batch-3 Xiangnan projects assigned in the year that qualify as major', () =>
    expect(report.xiangnanMajorProjects).toMatchObject({
      batch: 3,
      counted: 1,
      target: 100,
      projects: [{ projectId: 'xiangnan-major' }],
    }));

  it('counts a ranked firm once, in the year of its first registration in Hunan', () =>
    // fortune: first registration 2014-03-10; top100: first 2013-12-31 (its 2014 one does not count again); plain: not ranked
    expect(report.rankedFirms).toMatchObject({
      counted: 1,
      target: 8,
      investors: [{ investorId: 'fortune', firstRegistration: { registeredOn: '2014-03-10' } }],
    }));

  it('counts parks that became national or bonded zones in the year', () => {
    expect(report.nationalZones).toMatchObject({ counted: 2, min: 1, max: 2, met: true });
    expect(report.nationalZones.parks.map((p) => [p.parkId, p.via])).toEqual([
      ['upgraded', 'upgrade'],
      ['new-national', 'registration'],
    ]);
    expect(report.comprehensiveBondedZones).toMatchObject({
      counted: 1,
      met: true,
      parks: [{ parkId: 'bonded', approvedOn: '2014-11-11' }],
    });
  });

  it('sums the standard factory area completed in the year exactly', () =>
    // 6,000,000.25 + 3,999,999.75 = 10,000,000 (the 2013 and 2015 completions are other years)
    expect(report.standardFactory).toMatchObject({ completedSqm: '10000000', target: '10000000', met: true }));

  it('answers counts without targets for a year that has none', () => {
    const other = targetsReport(2013, targetsFor(2013), data);
    expect(other.transferProjects).toMatchObject({ counted: 1, target: null, met: null });
    expect(other.xiangnanMajorProjects.batch).toBeNull();
  });
});

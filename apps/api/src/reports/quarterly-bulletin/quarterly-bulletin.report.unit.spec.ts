import { rateTable } from '@itp/domain';
import { projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import {
  businessRegistered,
  FLAT_RATE_EVENTS,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import { quarterlyBulletinReport } from './quarterly-bulletin.report';

const log = eventLog();
const registeredProject = (id: string, registeredOn: string, overrides: Parameters<typeof projectRegistered>[0]) => {
  const registered = projectRegistered({ projectId: id, parkId: null, ...overrides });
  log.record(`project-${id}`, [
    registered,
    projectEvents(id).contractSigned('2014-01-15'),
    businessRegistered(registered, registeredOn),
  ]);
};

registeredProject('cs-q1', '2014-03-31', {
  city: '430100',
  totalInvestment: { amount: '300000000.00', currency: 'CNY' },
  sourceRegions: ['pearl_river_delta', 'guangdong_hong_kong_macao'],
});
registeredProject('cs-q2', '2014-04-01', {
  city: '430100',
  totalInvestment: { amount: '200000000.00', currency: 'CNY' },
  industry: 'information',
});
registeredProject('hy-q2', '2014-06-30', {
  city: '430400',
  capitalType: 'foreign',
  totalInvestment: { amount: '30000000.00', currency: 'USD' },
  sourceRegions: ['hong_kong_macao_taiwan'],
});
registeredProject('xt-q2', '2014-05-05', {
  city: '430300',
  totalInvestment: { amount: '183000000.00', currency: 'CNY' },
}); // below: not counted
registeredProject('zz-q3', '2014-07-01', {
  city: '430200',
  totalInvestment: { amount: '900000000.00', currency: 'CNY' },
});

let bulletin: ReturnType<typeof quarterlyBulletinReport>;
beforeAll(async () => {
  bulletin = quarterlyBulletinReport(
    '2014-Q2',
    await fold(projectLibraryProjection, log.events),
    rateTable(FLAT_RATE_EVENTS),
  );
});

const city = (code: string) => bulletin.byCity.find((c) => c.city === code)!;

describe('the bulletin of the second quarter of 2014', () => {
  it('counts the quarter and the year to date', () => {
    expect(bulletin.totals.quarter).toEqual({ projects: 2, amountCny: '383000000.00', projectIds: ['cs-q2', 'hy-q2'] });
    // 300,000,000 + 200,000,000 + 30,000,000 x 6.1 = 683,000,000
    expect(bulletin.totals.yearToDate).toMatchObject({ projects: 3, amountCny: '683000000.00' });
  });

  it('ranks cities by projects, then amount, year to date', () => {
    expect(city('430100')).toMatchObject({
      rank: 1,
      quarter: { projects: 1, amountCny: '200000000.00' },
      yearToDate: { projects: 2, amountCny: '500000000.00' },
    });
    // Hengyang: USD 30,000,000.00 x 6.1000 = CNY 183,000,000.00
    expect(city('430400')).toMatchObject({ rank: 2, yearToDate: { projects: 1, amountCny: '183000000.00' } });
    expect([city('430300').rank, city('430200').rank]).toEqual([3, 3]);
    expect(bulletin.byCity.map((c) => c.rank)).toEqual([...bulletin.byCity.map((c) => c.rank)].sort((a, b) => a - b));
  });

  it('counts a project under each of its source regions, and by industry', () => {
    const region = (code: string) => bulletin.bySourceRegion.find((r) => r.sourceRegion === code)!;
    expect(region('pearl_river_delta').yearToDate.projects).toBe(2);
    expect(region('guangdong_hong_kong_macao')).toMatchObject({
      quarter: { projects: 0 },
      yearToDate: { projects: 1 },
    });
    expect(bulletin.byIndustry.find((i) => i.industry === 'information')!.quarter).toMatchObject({
      projects: 1,
      amountCny: '200000000.00',
    });
  });
});

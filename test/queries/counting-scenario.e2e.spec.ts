import { startApi, type ApiHarness } from '../support/api-harness';
import { countingScenario, type CountingScenario } from './counting-scenario';
import { read } from './query-fixtures';

// The counts below are worked out by hand from the scenario in counting-scenario.ts.
describe('the counting scenario of 2014', () => {
  let api: ApiHarness;
  let s: CountingScenario;
  beforeAll(async () => {
    api = await startApi();
    s = await countingScenario(api);
  });
  afterAll(() => api.close());

  const get = async (url: string) => {
    const response = await read(api, s.commands, url);
    expect({ url, status: response.status }).toEqual({ url, status: 200 });
    return response.body;
  };
  const ids = (items: { projectId: string }[]) => items.map((i) => i.projectId);

  it('counts the transfer projects at the thresholds, the amended and the abandoned ones included', async () => {
    const { transferProjects } = await get('statistics/targets?year=2014');
    const { p2, p4, p5, p6, p9 } = s.projects;
    // p1 (CNY 199,999,999.99) and p3 (USD 29,999,999.99) are below; p2 (CNY 200,000,000.00) and p4 (USD 30,000,000.00) are at the threshold;
    // p5 still counts after its amendment to 150M, p6 after its abandonment: 5 of 130, 1 of them abandoned.
    expect(transferProjects).toMatchObject({
      counted: 5,
      target: 130,
      stretch: 150,
      met: false,
      abandonedSinceCounted: 1,
    });
    expect(ids(transferProjects.projects)).toEqual([p2, p6, p4, p5, p9]); // by registration date: 03-20, 04-02, 05-20, 06-05, 07-08
  });

  it('counts Xiangnan batch-3 major projects, firms and parks', async () => {
    const targets = await get('statistics/targets?year=2014');
    // p7: CNY 305,000,000.00 >= USD 50,000,000.00 x 6.1000 = CNY 305,000,000.00; p8 is CNY 0.01 short.
    expect(targets.xiangnanMajorProjects).toMatchObject({
      batch: 3,
      counted: 1,
      target: 100,
      projects: [{ projectId: s.projects.p7 }],
    });
    // T counts once (first registration p2, 03-20; p9 is its second); F with p3 (04-15, below the threshold, yet its first entity);
    // U has no registered project.
    expect(targets.rankedFirms.investors.map((i: any) => [i.investorId, i.firstRegistration.registeredOn])).toEqual([
      [s.investors.top100, '2014-03-20'],
      [s.investors.fortune, '2014-04-15'],
    ]);
    expect(targets.rankedFirms).toMatchObject({ counted: 2, target: 8 });
    expect(targets.nationalZones).toMatchObject({
      counted: 1,
      min: 1,
      max: 2,
      met: true,
      parks: [{ parkId: s.parks.songmu, approvedOn: '2014-08-18', via: 'upgrade' }],
    });
    expect(targets.comprehensiveBondedZones).toMatchObject({
      counted: 1,
      target: 1,
      met: true,
      parks: [{ parkId: s.parks.bonded }],
    });
    // 6,000,000.25 + 3,999,999.74 = 9,999,999.99 m²: 0.01 m² short of 10,000,000.
    expect(targets.standardFactory).toMatchObject({ completedSqm: '9999999.99', target: '10000000', met: false });
  });

  it('dispatches the June progress of the major projects, by city', async () => {
    const dispatch = await get('reports/monthly-dispatch?month=2014-06');
    const { p2, p4, p5, p6, p7, p8, p9 } = s.projects;
    // Major: counted (p2 p4 p5 p6 p9), Xiangnan major (p7), at the threshold now (p8's CNY 304,999,999.99 >= 200M). Not: p1, p3.
    // Sorted by city, then name.
    expect(ids(dispatch.projects)).toEqual([p2, p5, p9, p6, p4, p7, p8]);
    const row = (id: string) => dispatch.projects.find((p: any) => p.projectId === id);
    // p2: 35,000,000.00 (June) - 20,000,000.00 (April, the previous report) = 15,000,000.00
    expect(row(p2)).toMatchObject({
      reported: true,
      investmentThisMonth: { amount: '15000000.00' },
      investmentToDate: { amount: '35000000.00', asOfMonth: '2014-06' },
    });
    // p4: USD 2,500,000.00 - 1,000,000.00 = USD 1,500,000.00; x 6.2000 (in force on 06-30) = CNY 9,300,000.00
    expect(row(p4).investmentThisMonthCny).toMatchObject({
      amount: '9300000.00',
      rate: { rate: '6.2000', effectiveOn: '2014-06-15' },
    });
    expect(row(p6)).toMatchObject({
      status: 'abandoned',
      reported: false,
      investmentThisMonth: null,
      investmentToDate: { amount: '5000000.00', asOfMonth: '2014-05' },
    });
    expect(row(p7)).toMatchObject({
      majorBecause: ['xiangnan_major', 'at_transfer_threshold'],
      openProblems: [{ title: 'Land approval' }],
    });
    expect(row(p5).majorBecause).toEqual(['counts_toward_target']); // 150M now, below the threshold, but counted
    expect(
      dispatch.byCity.map((c: any) => [
        c.city,
        c.projects,
        c.reported,
        c.investmentThisMonthCny,
        c.investmentToDateCny,
        c.openProblems,
      ]),
    ).toEqual([
      // Changsha: 15,000,000 + 10,000,000 + 1,000,000 = 26,000,000 this month; 35,000,000 + 10,000,000 + 1,000,000 = 46,000,000 to date
      ['430100', 3, 3, '26000000.00', '46000000.00', 0],
      // Zhuzhou: p6 reported nothing in June; 5,000,000 to date (May)
      ['430200', 1, 0, '0.00', '5000000.00', 0],
      // Hengyang: p4 9,300,000 this month; USD 2,500,000 x 6.2 = 15,500,000 to date; p4's problem was resolved 06-25, p7's is open
      ['430400', 2, 1, '9300000.00', '15500000.00', 1],
      ['431000', 1, 0, '0.00', '0.00', 0],
    ]);
    expect(dispatch.totals).toMatchObject({
      projects: 7,
      reported: 4,
      notReported: 3,
      investmentThisMonthCny: '35300000.00',
      investmentToDateCny: '66500000.00',
      openProblems: 1,
    });
  });

  it('publishes the Q2 bulletin: quarter and year to date per city, ranked, and per source region and industry', async () => {
    const bulletin = await get('reports/quarterly-bulletin?quarter=2014-Q2');
    // Quarter: p6 300,000,000 + p4 USD 30,000,000 x 6.1000 (on 05-20) = 183,000,000 + p5 250,000,000 (at registration) = 733,000,000
    expect(bulletin.totals.quarter).toMatchObject({ projects: 3, amountCny: '733000000.00' });
    // Year to date: + p2 200,000,000 = 933,000,000 (p9 registered in Q3)
    expect(bulletin.totals.yearToDate).toMatchObject({ projects: 4, amountCny: '933000000.00' });
    const city = (code: string) => bulletin.byCity.find((c: any) => c.city === code);
    expect(city('430100')).toMatchObject({
      rank: 1,
      quarter: { projects: 1, amountCny: '250000000.00' },
      yearToDate: { projects: 2, amountCny: '450000000.00' },
    });
    expect(city('430200')).toMatchObject({ rank: 2, yearToDate: { projects: 1, amountCny: '300000000.00' } }); // 300M beats 183M
    expect(city('430400')).toMatchObject({ rank: 3, yearToDate: { projects: 1, amountCny: '183000000.00' } });
    expect(city('431000')).toMatchObject({ rank: 4, yearToDate: { projects: 0, amountCny: '0.00' } });
    const region = (code: string) => bulletin.bySourceRegion.find((r: any) => r.sourceRegion === code);
    expect(region('pearl_river_delta').yearToDate).toMatchObject({ projects: 3, amountCny: '750000000.00' }); // p2 + p5 + p6
    expect(region('hong_kong_macao_taiwan').quarter).toMatchObject({ projects: 1, amountCny: '183000000.00' }); // p4
    expect(bulletin.byIndustry.find((i: any) => i.industry === 'auto_parts').quarter).toMatchObject({
      projects: 1,
      amountCny: '300000000.00',
    });
  });

  it('credits the introducing units by share, exactly', async () => {
    const assessment = await get('assessment?year=2014');
    expect(assessment.projectsCounted).toBe(5);
    expect(assessment.units.map((u: any) => [u.rank, u.unit, u.projectsCredited, u.amountCreditedCny])).toEqual([
      // p2 200,000,000 x 0.6667 = 133,340,000 + p5 250,000,000 (at registration) + p9 500,000,000 = 883,340,000; 0.6667 + 1 + 1 = 2.6667
      [1, 'changsha-commerce-bureau', '2.6667', '883340000.00'],
      [2, 'zhuzhou-commerce-bureau', '1', '300000000.00'],
      [3, 'hengyang-commerce-bureau', '1', '183000000.00'], // USD 30,000,000 x 6.1000
      [4, 'hk-representative-office', '0.3333', '66660000.00'], // 200,000,000 x 0.3333
    ]);
  });

  it('ages the joint-conference problems', async () => {
    const all = await get('problems?ageOn=2014-12-31');
    // Open first, oldest first: Land approval 06-02 -> 12-31 = 212 days; Power supply 07-02 -> 12-31 = 182; Customs 05-05 -> 06-25 = 51
    expect(all.items.map((q: any) => [q.title, q.status, q.ageDays])).toEqual([
      ['Land approval', 'open', 212],
      ['Power supply', 'open', 182],
      ['Customs clearance', 'resolved', 51],
    ]);
    const juneEnd = await get('problems?status=open&ageOn=2014-06-30');
    expect(juneEnd.items.map((q: any) => [q.title, q.ageDays])).toEqual([['Land approval', 28]]);
    const hengyang = await get('problems?city=430400&ageOn=2014-12-31');
    expect(hengyang.items.map((q: any) => [q.title, q.cityName.en])).toEqual([
      ['Land approval', 'Hengyang'],
      ['Customs clearance', 'Hengyang'],
    ]);
    expect((await get('problems?assignedUnit=state-grid-hunan')).items.map((q: any) => q.projectId)).toEqual([
      s.projects.p2,
    ]);
  });

  it('pages the problems: total and the units count every match, the page holds its share', async () => {
    const second = await get('problems?ageOn=2014-12-31&page=2&pageSize=1');
    expect(second.items.map((q: any) => q.title)).toEqual(['Power supply']);
    expect([second.total, second.page, second.pageSize]).toEqual([3, 2, 1]);
    const units = second.units.map((u: any) => [u.problems, u.open, u.oldestOpenDays]);
    // One unit a problem here: the land approval's (open 212 days), the power supply's (182), the customs' (resolved).
    expect(units).toEqual([
      [1, 1, 212],
      [1, 1, 182],
      [1, 0, null],
    ]);
    expect((await get('problems?ageOn=2014-12-31&page=4&pageSize=1')).items).toEqual([]);
    expect((await get('problems?ageOn=2014-12-31')).pageSize).toBe(50);
    // Pages of every size, across the open ones and the resolved ones, are the whole list's items in its order.
    const whole = (await get('problems?ageOn=2014-12-31')).items;
    for (const size of [1, 2, 3]) {
      const pages: unknown[] = [];
      for (let page = 1; page <= Math.ceil(whole.length / size); page += 1)
        pages.push(...(await get(`problems?ageOn=2014-12-31&page=${page}&pageSize=${size}`)).items);
      expect(pages).toEqual(whole);
    }
  });

  it('sorts the project library by the CNY equivalent of the total investment', async () => {
    const { p1, p2, p3, p4, p5, p6, p7, p8, p9 } = s.projects;
    const page = await get('projects?sort=-totalInvestment&pageSize=200');
    // p4 USD 30,000,000.00 x 6.1 = 183,000,000.00 > p3 USD 29,999,999.99 x 6.1 = 182,999,999.939 > p5 150,000,000 (amended)
    expect(ids(page.items)).toEqual([p9, p7, p8, p6, p2, p1, p4, p3, p5]);
    expect(page.items.find((p: any) => p.projectId === p3).totalInvestmentCny).toEqual({
      amount: '182999999.94',
      exact: '182999999.939',
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
    });
    const counted = await get('projects?countsTowardTarget=true&sort=registeredOn');
    expect(ids(counted.items)).toEqual([p2, p6, p4, p5, p9]);
  });

  it("shows a project's progress series, ascending by month, on GET /projects/{id} only", async () => {
    const project = await get(`projects/${s.projects.p4}`);
    expect(project.progress).toEqual([
      {
        month: '2014-05',
        investmentCompletedToDate: { amount: '1000000.00', currency: 'USD' },
        correction: null,
        recordedAt: expect.any(String),
      },
      {
        month: '2014-06',
        investmentCompletedToDate: { amount: '2500000.00', currency: 'USD' },
        correction: null,
        recordedAt: expect.any(String),
      },
    ]);
    expect(project).not.toHaveProperty('latestProgress');
    expect(project).not.toHaveProperty('progressMonths');
    expect((await get(`projects/${s.projects.p1}`)).progress).toEqual([]);
    const listed = (await get('projects?pageSize=200')).items.find((p: any) => p.projectId === s.projects.p4);
    for (const field of ['progress', 'latestProgress', 'progressMonths']) expect(listed).not.toHaveProperty(field);
  });
});

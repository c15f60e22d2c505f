import { rateTable, type ProjectEvent } from '@itp/domain';
import { projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import {
  businessRegistered,
  FLAT_RATE_EVENTS,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import { deepFreeze } from '@itp/read-store/embedded/document-cache';
import { monthlyDispatchReport } from './monthly-dispatch.report';
import { sumExact, toCents } from '../../shared/queries/cny-equivalent';

const log = eventLog();
const project = (
  id: string,
  overrides: Parameters<typeof projectRegistered>[0],
  signedOn: string,
  registeredOn: string | null,
  more: ProjectEvent[] = [],
) => {
  const registered = projectRegistered({ projectId: id, parkId: null, name: id, ...overrides });
  log.record(`project-${id}`, [
    registered,
    projectEvents(id).contractSigned(signedOn),
    ...(registeredOn ? [businessRegistered(registered, registeredOn)] : []),
    ...more,
  ]);
};
const usdProgress = (id: string, month: string, amount: string): ProjectEvent => ({
  type: 'ProjectMonthlyProgressReported',
  data: { projectId: id, month, investmentCompletedToDate: { amount, currency: 'USD' } },
});

const countedEvents = projectEvents('counted');
project('counted', { city: '430100' }, '2014-02-01', '2014-03-20', [
  countedEvents.progressReported('2014-04', '5000000.00'),
  countedEvents.progressReported('2014-06', '12000000.50'),
  countedEvents.problemRaised('resolved-in-june', '2014-05-01'),
  countedEvents.problemResolved('resolved-in-june', '2014-06-10'),
  countedEvents.problemRaised('open', '2014-06-03'),
  countedEvents.problemRaised('raised-in-july', '2014-07-01'),
]);
project(
  'foreign-unregistered',
  { city: '430400', capitalType: 'foreign', totalInvestment: { amount: '40000000.00', currency: 'USD' } },
  '2014-02-01',
  null,
  [usdProgress('foreign-unregistered', '2014-06', '1000000.00')],
);
project(
  'just-below',
  { city: '430400', totalInvestment: { amount: '199999999.99', currency: 'CNY' } },
  '2014-02-01',
  null,
);
project('abandoned-in-may', { city: '430100' }, '2014-02-01', '2014-03-01', [
  projectEvents('abandoned-in-may').abandoned('2014-05-15'),
]);
project('signed-in-july', { city: '430100' }, '2014-07-01', null);
project('suspended', { city: '430100' }, '2014-02-01', '2014-04-01', [
  projectEvents('suspended').suspended('2014-06-01'),
]);

let report: ReturnType<typeof monthlyDispatchReport>;
beforeAll(async () => {
  report = monthlyDispatchReport(
    '2014-06',
    await fold(projectLibraryProjection, log.events),
    rateTable(FLAT_RATE_EVENTS),
  );
});

describe('the monthly dispatch of June 2014', () => {
  it('lists the major projects signed by the month end and not abandoned before it, by city and name', () =>
    expect(report.projects.map((p) => [p.projectId, p.majorBecause, p.status])).toEqual([
      ['counted', ['counts_toward_target', 'at_transfer_threshold'], 'active'],
      ['suspended', ['counts_toward_target', 'at_transfer_threshold'], 'suspended'],
      ['foreign-unregistered', ['at_transfer_threshold'], 'active'],
    ]));

  it("takes this month's investment as the difference from the previous reported month", () => {
    const counted = report.projects[0];
    // 12,000,000.50 (June) - 5,000,000.00 (April, the previous report) = 7,000,000.50
    expect(counted).toMatchObject({
      reported: true,
      investmentThisMonth: { amount: '7000000.50', currency: 'CNY' },
      investmentToDate: { amount: '12000000.50', asOfMonth: '2014-06' },
    });
  });

  it('converts USD progress at the rate of the month end', () =>
    // USD 1,000,000.00 x 6.1000 = CNY 6,100,000.00
    expect(report.projects[2].investmentThisMonthCny).toEqual({
      amount: '6100000.00',
      exact: '6100000.00',
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
    }));

  it('shows the problems open at the month end', () =>
    expect(report.projects[0].openProblems.map((q) => q.problemId)).toEqual(['open']));

  it('totals by city, flagging projects that did not report', () => {
    expect(report.byCity).toEqual([
      // Changsha: 7,000,000.50 this month; to date 12,000,000.50 (the suspended project reported nothing)
      {
        city: '430100',
        cityName: { en: 'Changsha', zh: '长沙' },
        projects: 2,
        reported: 1,
        notReported: 1,
        investmentThisMonthCny: '7000000.50',
        investmentToDateCny: '12000000.50',
        openProblems: 1,
      },
      {
        city: '430400',
        cityName: { en: 'Hengyang', zh: '衡阳' },
        projects: 1,
        reported: 1,
        notReported: 0,
        investmentThisMonthCny: '6100000.00',
        investmentToDateCny: '6100000.00',
        openProblems: 0,
      },
    ]);
    expect(report.totals).toMatchObject({ projects: 3, investmentThisMonthCny: '13100000.50' });
  });
});

describe('the stale projects of the June 2014 dispatch', () => {
  it('are judged the day after June’s reports were due (10 July by default)', () =>
    expect(report.stale).toMatchObject({ referenceDate: '2014-07-11', dueDay: 10, total: 3 }));

  it('lists every signed project with an owed month unreported, by city and name, with the units responsible', () =>
    // Signed 02-01: March to June are owed. `counted` reported April and June; the others June at most.
    // Abandoned in May and suspended in June: not followed. Signed in July: not in June's dispatch.
    expect(
      report.stale.projects.map((p) => [p.projectId, p.responsibleUnits, p.missingMonths.map((m) => m.month)]),
    ).toEqual([
      ['counted', ['changsha-commerce-bureau'], ['2014-03', '2014-05']],
      ['foreign-unregistered', ['changsha-commerce-bureau'], ['2014-03', '2014-04', '2014-05']],
      ['just-below', ['changsha-commerce-bureau'], ['2014-03', '2014-04', '2014-05', '2014-06']],
    ]));

  it('flags them among the major projects and counts them by city', () => {
    expect(report.projects.map((p) => [p.projectId, p.stale])).toEqual([
      ['counted', true],
      ['suspended', false],
      ['foreign-unregistered', true],
    ]);
    expect(report.stale.byCity.map((c) => [c.city, c.projects])).toEqual([
      ['430100', 1],
      ['430400', 2],
    ]);
  });

  describe('given reports recorded on time and late', () => {
    const late = eventLog();
    const registered = projectRegistered({ projectId: 'late', parkId: null, name: 'late' });
    const events = projectEvents('late');
    late.record('project-late', [registered, events.contractSigned('2014-04-20')], '2014-04-20T02:00:00.000Z');
    late.record('project-late', [events.progressReported('2014-05', '1000000.00')], '2014-06-05T15:59:59.000Z');
    // 2014-07-05 16:00 UTC is 07-06 00:00 in Shanghai: one day after a due day of 5.
    late.record('project-late', [events.progressReported('2014-06', '2000000.00')], '2014-07-05T16:00:00.000Z');

    const dispatch = async (referenceDate: string | undefined, dueDay: number) =>
      monthlyDispatchReport('2014-06', await fold(projectLibraryProjection, late.events), rateTable(FLAT_RATE_EVENTS), {
        referenceDate,
        dueDay,
      }).stale;

    it('judges by the day recorded in Asia/Shanghai against the configured due day', async () => {
      expect((await dispatch(undefined, 5)).projects.map((p) => p.missingMonths)).toEqual([
        [{ month: '2014-06', dueOn: '2014-07-05', status: 'late', recordedOn: '2014-07-06' }],
      ]);
      expect(await dispatch(undefined, 6)).toMatchObject({ referenceDate: '2014-07-07', total: 0 });
    });

    it('takes the reference date given', async () => expect((await dispatch('2014-07-06', 10)).total).toBe(0));
  });
});

describe('the monthly dispatch on frozen documents (the embedded store shares them between queries)', () => {
  it('answers as on documents of its own, again and for other months', async () => {
    // Documents of their own, not frozen (a fold's are): nothing is remembered for them.
    const plain = structuredClone(await fold(projectLibraryProjection, log.events));
    const frozen = (await fold(projectLibraryProjection, log.events)).map((document) => deepFreeze(document));
    const rates = deepFreeze(rateTable(FLAT_RATE_EVENTS)); // as the read models give it
    // A frozen document's entry is remembered per month: asked again, and for other
    // months in between.
    for (const month of ['2014-06', '2014-04', '2014-05', '2014-06', '2014-07', '2014-03', '2014-04'])
      expect(monthlyDispatchReport(month, frozen, rates)).toEqual(monthlyDispatchReport(month, plain, rates));
  });

  it('computes a project again for another rate table, and remembers it per table', async () => {
    // Documents of their own, not frozen (a fold's are): nothing is remembered for them.
    const plain = structuredClone(await fold(projectLibraryProjection, log.events));
    const frozen = (await fold(projectLibraryProjection, log.events)).map((document) => deepFreeze(document));
    const rates = deepFreeze(rateTable(FLAT_RATE_EVENTS));
    // A USD rate of 1: the USD project's amounts, and its test against the CNY threshold, come out otherwise.
    const other = deepFreeze({ rates: rates.rates.map((rate) => ({ ...rate, rate: '1.0000' })) });
    expect(monthlyDispatchReport('2014-06', plain, other)).not.toEqual(monthlyDispatchReport('2014-06', plain, rates));
    for (const table of [rates, other, rates, other])
      expect(monthlyDispatchReport('2014-06', frozen, table)).toEqual(monthlyDispatchReport('2014-06', plain, table));
  });

  it("sums the province's totals as its rows' (from its cities' sums)", async () => {
    const report = monthlyDispatchReport(
      '2014-06',
      await fold(projectLibraryProjection, log.events),
      rateTable(FLAT_RATE_EVENTS),
    );
    const rows = report.projects;
    const sum = (pick: (row: (typeof rows)[number]) => { amount: string | null; exact?: string } | null) =>
      toCents(
        sumExact(
          rows.flatMap((row) => {
            const cny = pick(row);
            return cny?.amount ? [cny.exact!] : [];
          }),
        ),
      );
    expect(report.totals).toEqual({
      projects: rows.length,
      reported: rows.filter((row) => row.reported).length,
      notReported: rows.filter((row) => !row.reported).length,
      investmentThisMonthCny: sum((row) => row.investmentThisMonthCny),
      investmentToDateCny: sum((row) => row.investmentToDateCny),
      openProblems: rows.reduce((n, row) => n + row.openProblems.length, 0),
    });
    expect(report.byCity.reduce((n, city) => n + city.projects, 0)).toBe(rows.length);
  });
});

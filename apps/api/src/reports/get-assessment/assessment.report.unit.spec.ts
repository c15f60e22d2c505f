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
import { assessmentReport } from './assessment.report';

const log = eventLog();
const counted = (id: string, overrides: Parameters<typeof projectRegistered>[0], registeredOn = '2014-05-01') => {
  const registered = projectRegistered({ projectId: id, parkId: null, ...overrides });
  log.record(`project-${id}`, [
    registered,
    projectEvents(id).contractSigned('2014-02-01'),
    businessRegistered(registered, registeredOn),
  ]);
};

counted('shared', {
  totalInvestment: { amount: '200000000.00', currency: 'CNY' },
  introducers: [
    { unit: 'changsha-bureau', share: '0.333333' },
    { unit: 'hk-office', share: '0.666667' },
  ],
});
counted('foreign', {
  capitalType: 'foreign',
  totalInvestment: { amount: '30000000.00', currency: 'USD' },
  introducers: [{ unit: 'hk-office', share: '1' }],
});
counted('last-year', { introducers: [{ unit: 'changsha-bureau', share: '1' }] }, '2013-11-01');
// Credit follows the split recorded at registration: a later amendment of the introducers does not move it.
log.record('project-shared', [
  projectEvents('shared').amended({ introducers: [{ unit: 'changsha-bureau', share: '1' }] }, { introducers: [] }),
]);

let report: ReturnType<typeof assessmentReport>;
beforeAll(async () => {
  report = assessmentReport(2014, await fold(projectLibraryProjection, log.events), rateTable(FLAT_RATE_EVENTS));
});

describe('the 2014 assessment of introducing units', () => {
  it('credits each unit its shares and amount x share, exactly, ranked by amount', () =>
    expect(
      report.units.map(({ rank, unit, projectsCredited, amountCreditedCny }) => ({
        rank,
        unit,
        projectsCredited,
        amountCreditedCny,
      })),
    ).toEqual([
      // hk-office: 200,000,000.00 x 0.666667 = 133,333,400.00; + USD 30,000,000.00 x 6.1000 = 183,000,000.00 -> 316,333,400.00
      { rank: 1, unit: 'hk-office', projectsCredited: '1.666667', amountCreditedCny: '316333400.00' },
      // changsha-bureau: 200,000,000.00 x 0.333333 = 66,666,600.00 (its 2013 project is another year's)
      { rank: 2, unit: 'changsha-bureau', projectsCredited: '0.333333', amountCreditedCny: '66666600.00' },
    ]));

  it('lists the projects behind each credit', () =>
    expect(report.units[1].projects).toEqual([
      {
        projectId: 'shared',
        name: 'Lens Technology new materials',
        city: '430100',
        registeredOn: '2014-05-01',
        share: '0.333333',
        rate: null,
        amountCreditedCny: '66666600.00',
      },
    ]));

  it('names the rate a USD amount was converted at', () =>
    expect(report.units[0].projects.find((p) => p.projectId === 'foreign')).toMatchObject({
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
      amountCreditedCny: '183000000.00',
    }));

  it('credits exactly one project in all per counted project', () => expect(report.projectsCounted).toBe(2));
});

import { businessRegistered, projectEvents } from '@itp/domain/testing/project-events';
import { projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { ReadModels } from '../../shared/queries/read-models';
import { ReadScope } from '../../shared/queries/read-scope';
import { embeddedLibrary } from '../testing/embedded-library';
import { PROMOTION } from './promotion.definition';
import { promotionReport } from './promotion.report';
import { leadRecorder } from './testing/record-lead';

/** Leads of 2014 and 2015 by channel and event, some signed and registered, one in USD (no rate: unconverted). */
const leadsLog = () => {
  const log = eventLog();
  const lead = leadRecorder(log);
  const event = (id: string) =>
    ({ leadChannel: 'promotion_event', promotionEvent: { id, name: `Event ${id}` } }) as const;
  const cny = (amount: string) => ({ totalInvestment: { amount, currency: 'CNY' } }) as const;
  lead('a', { ...event('e1'), city: '430100', identifiedOn: '2014-03-01', ...cny('250000000.00') }, (r) => [
    projectEvents('a').contractSigned('2014-04-01'),
    businessRegistered(r, '2014-05-10'),
  ]);
  lead('b', { ...event('e1'), city: '430200', identifiedOn: '2014-06-20', ...cny('90000000.00') }, () => [
    projectEvents('b').contractSigned('2015-01-10'),
  ]);
  lead('c', { leadChannel: 'online', city: '430100', identifiedOn: '2015-02-01', ...cny('300000000.00') }, (r) => [
    projectEvents('c').contractSigned('2015-03-01'),
    businessRegistered(r, '2015-04-01'),
  ]);
  lead(
    'd',
    {
      leadChannel: 'representative_office',
      city: '430400',
      identifiedOn: '2014-01-10',
      capitalType: 'foreign',
      totalInvestment: { amount: '10000000.00', currency: 'USD' },
    },
    () => [],
  );
  return log;
};

describe('the promotion report from the embedded project library (lines derived and remembered by the store)', () => {
  let library: ReturnType<typeof embeddedLibrary>;
  let log: ReturnType<typeof leadsLog>;
  // One for the test, as the api has one: the same frozen rate table while the rates stand, what results are kept by.
  let readModels: ReadModels;
  const computed = (year: number, scope?: ReadScope) => PROMOTION.prepare({ year: String(year) })(readModels, scope);
  const expectAsThePureReport = async () => {
    const documents = await fold(projectLibraryProjection, log.events);
    const rates = await readModels.rateTable();
    for (const year of [2014, 2015, 2014, 2015])
      expect((await computed(year)).report).toEqual(promotionReport(year, documents, rates));
  };

  beforeEach(async () => {
    library = embeddedLibrary();
    readModels = new ReadModels(library.store);
    log = leadsLog();
    await library.deliver(log.events);
  });
  afterEach(() => library.close());

  it('answers as the pure report on the same documents, asked again and for another year', async () => {
    await expectAsThePureReport();
    const { report } = await computed(2014);
    expect(report.totals.leads.projectIds).toEqual(['d', 'a', 'b']);
    expect(report.unconverted).toEqual([{ projectId: 'd', measure: 'leads' }]);
  });

  it('answers from the new version of a project changed since, the others as before', async () => {
    await expectAsThePureReport();
    const before = log.events.length;
    log.record('project-b', [
      projectEvents('b').amended(
        { leadChannel: 'advisor', promotionEvent: null },
        { leadChannel: 'promotion_event', promotionEvent: { id: 'e1', name: 'Event e1' } },
      ),
    ]);
    log.record('project-d', [projectEvents('d').contractSigned('2014-09-01')]);
    await library.deliver(log.events.slice(before));
    await expectAsThePureReport();
    const { report } = await computed(2014);
    expect(report.byEvent.map((e) => [e.eventId, e.leads.projectIds])).toEqual([['e1', ['a']]]);
    expect(report.totals.contracts.projectIds).toEqual(['a', 'd']);
  });

  it("narrows to a city key's projects from the lines it derived", async () => {
    const scope = ReadScope.of({ keyId: 'k', actor: 'r', role: 'reporter', unit: 'u', cities: ['430100'] });
    const { report } = await computed(2014, scope);
    expect(report.projects.map((p) => p.projectId)).toEqual(['a', 'a', 'a']);
  });
});

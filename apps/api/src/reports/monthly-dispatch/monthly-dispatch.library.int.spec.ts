import { rateTable, type ProjectEvent } from '@itp/domain';
import { FLAT_RATE_EVENTS, projectEvents, projectRegistered } from '@itp/domain/testing/project-events';
import type { RecordedEvent } from '@itp/event-store';
import { projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { deepFreeze } from '@itp/read-store/embedded/document-cache';
import { embeddedLibrary } from '../testing/embedded-library';
import { dispatchFromLibrary, dispatchTerms, monthlyDispatchReport } from './monthly-dispatch.report';

const months = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => {
    const m = from + i;
    return `${2014 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });

/** Projects with two years of monthly reports (series long enough for the store to keep them apart), and problems. */
const libraryLog = () => {
  const log = eventLog();
  for (const [i, city] of (['430100', '430200', '430400', '430100'] as const).entries()) {
    const id = `p-${i}`;
    const events = projectEvents(id);
    log.record(`project-${id}`, [
      projectRegistered({
        projectId: id,
        parkId: null,
        name: `Project ${i}`,
        city,
        totalInvestment: { amount: `${(i + 1) * 150}000000.00`, currency: 'CNY' },
      }),
      events.contractSigned('2014-01-10'),
      // Project 2 skips its reports of mid-2014: stale in those dispatches.
      ...months(1, 24)
        .filter((month) => i !== 2 || month < '2014-05' || month > '2014-08')
        .map((month, n) => events.progressReported(month, `${(n + 1) * 1000}000.00`)),
      events.problemRaised(`q-${i}`, '2014-05-20'),
      ...(i % 2 === 0 ? [events.problemResolved(`q-${i}`, '2014-09-01')] : []),
    ]);
  }
  return log;
};
const rates = deepFreeze(rateTable(FLAT_RATE_EVENTS));
const MONTHS = ['2014-06', '2014-09', '2015-03', '2014-06', '2014-09'];

describe('the monthly dispatch from the embedded project library (facts derived and remembered by the store)', () => {
  let library: ReturnType<typeof embeddedLibrary>;
  let log: ReturnType<typeof libraryLog>;
  const expectAsThePureReport = async (events: readonly RecordedEvent[], months = MONTHS) => {
    const documents = await fold(projectLibraryProjection, events);
    for (const month of months) {
      const { report, facts } = await dispatchFromLibrary(library.projects(), dispatchTerms(month, rates));
      expect(report).toEqual(monthlyDispatchReport(month, documents, rates));
      // The same month judged on another day, and with another due day: other facts, not the ones remembered.
      for (const options of [{ referenceDate: '2014-12-20' }, { dueDay: 25 }]) {
        const other = await dispatchFromLibrary(library.projects(), dispatchTerms(month, rates, options));
        expect(other.report).toEqual(monthlyDispatchReport(month, documents, rates, options));
      }
      expect(facts.map((f) => f._id)).toEqual(documents.filter((d) => d.signedOn! <= `${month}-31`).map((d) => d._id));
    }
  };

  beforeEach(async () => {
    library = embeddedLibrary();
    log = libraryLog();
    await library.deliver(log.events);
  });
  afterEach(() => library.close());

  it('answers as the pure report on the same documents, asked again and for other months', async () => {
    await expectAsThePureReport(log.events);
    await expectAsThePureReport(log.events);
  });

  it('answers from the new version of a project the projection changed since, the others as before', async () => {
    // One month (three keys a document, within the four it keeps): asked again after the change, its facts are
    // still remembered for the projects that did not change.
    await expectAsThePureReport(log.events, ['2014-06']);
    const before = log.events.length;
    const more: [string, ProjectEvent[]][] = [
      ['p-1', [projectEvents('p-1').progressCorrected('2014-06', '9000000.00', '6000000.00')]],
      ['p-2', [projectEvents('p-2').abandoned('2014-08-15')]],
      ['p-3', [projectEvents('p-3').problemResolved('q-3', '2014-06-10')]],
    ];
    for (const [id, events] of more) log.record(`project-${id}`, events);
    await library.deliver(log.events.slice(before));
    await expectAsThePureReport(log.events, ['2014-06']);
    const june = await dispatchFromLibrary(library.projects(), dispatchTerms('2014-06', rates));
    expect(june.report.projects.find((p) => p.projectId === 'p-3')?.openProblems).toEqual([]);
  });
});

import { projectEvents, projectRegistered } from '@itp/domain/testing/project-events';
import { projectLibraryProjection } from '@itp/projections';
import { FrozenReadStore } from '@itp/projections/as-of';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { embeddedLibrary } from '../../reports/testing/embedded-library';
import { ReadModels } from './read-models';
import { StaleProjects } from './stale-projects';

/** Signed projects whose monthly reports stop at different months, one of them operating since. */
const signedLog = () => {
  const log = eventLog();
  for (const [i, lastMonth] of [3, 6, 9, 12].entries()) {
    const id = `p-${i}`;
    const events = projectEvents(id);
    log.record(`project-${id}`, [
      projectRegistered({ projectId: id, parkId: null, name: `Project ${i}`, city: i % 2 ? '430200' : '430100' }),
      events.contractSigned('2014-01-10'),
      ...Array.from({ length: lastMonth }, (_, m) =>
        events.progressReported(`2014-${String(m + 2).padStart(2, '0')}`, `${m + 1}000000.00`),
      ),
    ]);
  }
  return log;
};

/** The same rule on the same documents through a store that derives anew each time (as MongoDB, the as-of views). */
const expected = async (events: Parameters<typeof fold>[1], dueDay: number, referenceDate: string) => {
  const documents = await fold(projectLibraryProjection, events);
  const store = new FrozenReadStore(
    new Map([[projectLibraryProjection.collection, new Map(documents.map((d) => [d._id, d]))]]),
    events.length,
  );
  return new StaleProjects(new ReadModels(store), dueDay).find(referenceDate);
};

describe('the stale projects from the embedded project library (derived and remembered by the store)', () => {
  let library: ReturnType<typeof embeddedLibrary>;
  let log: ReturnType<typeof signedLog>;
  let readModels: ReadModels;
  const DATES = ['2014-06-20', '2014-12-20', '2014-06-20', '2015-03-20'];
  const expectAsTheRuleSays = async (dueDays = [10, 25], dates = DATES) => {
    for (const dueDay of dueDays)
      for (const date of dates) {
        const found = await new StaleProjects(readModels, dueDay).find(date);
        expect(found).toEqual(await expected(log.events, dueDay, date));
      }
  };

  beforeEach(async () => {
    library = embeddedLibrary();
    readModels = new ReadModels(library.store);
    log = signedLog();
    await library.deliver(log.events);
  });
  afterEach(() => library.close());

  it('answers as the rule says for each reference date and due day, asked again', async () => {
    await expectAsTheRuleSays();
    expect((await new StaleProjects(readModels, 10).find('2014-12-20')).map((p) => p.projectId)).toEqual([
      'p-0',
      'p-2',
      'p-1',
    ]);
    await expectAsTheRuleSays();
  });

  it('answers from the new version of a project that reported since', async () => {
    // Two keys a document (within the four it keeps): still remembered for the projects that did not report.
    const asked: [number[], string[]] = [[10], ['2014-06-20', '2014-12-20']];
    await expectAsTheRuleSays(...asked);
    const before = log.events.length;
    log.record('project-p-0', [projectEvents('p-0').progressReported('2014-05', '9000000.00')]);
    await library.deliver(log.events.slice(before));
    await expectAsTheRuleSays(...asked);
  });
});

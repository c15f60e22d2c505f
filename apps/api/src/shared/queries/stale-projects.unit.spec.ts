import { projectLibraryProjection, type ProjectLibraryDocument } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { projectEvents, projectRegistered } from '@itp/domain/testing/project-events';
import { deepFreeze } from '@itp/read-store/embedded/document-cache';
import { followUpOf } from './stale-projects';

const log = eventLog();
for (const [id, operatingOn] of [
  ['operating', '2014-05-10'],
  ['building', null],
] as const) {
  const events = projectEvents(id);
  log.record(`project-${id}`, [
    projectRegistered({ projectId: id, parkId: null, name: id }),
    events.contractSigned('2014-02-01'),
    events.progressReported('2014-02', '1000000.00'),
    ...(operatingOn === null ? [] : [events.stageAdvanced('signed', 'operating', operatingOn)]),
  ]);
}

/**
 * A frozen copy of a document whose progress is a getter that counts its reads, as an as-of document loaded from a
 * snapshot reads its series from disk when first touched.
 */
const countingReads = (document: ProjectLibraryDocument) => {
  const counter = { reads: 0 };
  const { progress, ...rest } = document;
  const copy = { ...rest } as ProjectLibraryDocument;
  Object.defineProperty(copy, 'progress', {
    enumerable: true,
    get: () => {
      counter.reads += 1;
      return progress;
    },
  });
  return { document: Object.freeze(copy), counter };
};

describe('the follow-up of a frozen project document', () => {
  const documents = async () => new Map((await fold(projectLibraryProjection, log.events)).map((d) => [d._id, d]));

  it('does not read the progress of a project the rule does not follow, nor again once known', async () => {
    const operating = countingReads((await documents()).get('operating')!);
    const plain = structuredClone((await documents()).get('operating')!);
    expect(followUpOf(operating.document, '2014-09-11', 10)).toEqual(followUpOf(plain, '2014-09-11', 10));
    expect(operating.counter.reads).toBe(0);

    const building = countingReads((await documents()).get('building')!);
    const first = followUpOf(building.document, '2014-09-11', 10);
    expect(first).toEqual(followUpOf(structuredClone((await documents()).get('building')!), '2014-09-11', 10));
    expect(first.stale).toBe(true); // months from March on were owed and never reported
    const reads = building.counter.reads;
    expect(reads).toBeGreaterThan(0);
    expect(followUpOf(building.document, '2014-09-11', 10)).toBe(first); // remembered for the document
    expect(building.counter.reads).toBe(reads);
    // Another reference date is another entry: computed, then remembered beside the first.
    expect(followUpOf(building.document, '2014-10-11', 10)).not.toEqual(first);
    expect(followUpOf(building.document, '2014-09-11', 10)).toBe(first);
  });

  it('knows a copy that is not frozen by its frozen series, and never confuses two suspension lists', async () => {
    const frozen = deepFreeze((await documents()).get('building')!);
    const copy = { ...frozen } as ProjectLibraryDocument; // a projected read: a new object, the same frozen series
    const first = followUpOf(copy, '2014-09-11', 10);
    expect(followUpOf({ ...frozen } as ProjectLibraryDocument, '2014-09-11', 10)).toBe(first);
    const suspended = deepFreeze([{ suspendedOn: '2014-03-02', stage: 'signed', reason: 'x', resumedOn: null }]);
    const other = { ...frozen, suspensions: suspended } as unknown as ProjectLibraryDocument;
    expect(followUpOf(other, '2014-09-11', 10)).not.toEqual(first); // suspended since March: owes nothing after
  });
});

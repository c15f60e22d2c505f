import type { InvestorEvent } from '@itp/domain';
import { eventLog } from '../testing/recorded-events';
import { fold, replays } from '../testing/fold';
import { businessRegistered, projectEvents, projectRegistered } from '@itp/domain/testing/project-events';
import { investorLibraryProjection as projection } from './investor-library.projection';

const investorRegistered = (investorId: string, rankings: string[]): InvestorEvent =>
  ({
    type: 'InvestorRegistered',
    data: {
      investorId,
      registeredByUnit: 'changsha-commerce-bureau',
      name: `Firm ${investorId}`,
      country: 'CN',
      unifiedSocialCreditCode: '91440400192548256N',
      rankings,
    },
  }) as InvestorEvent;

const rankingsAmended = (investorId: string, rankings: string[], previous: string[]): InvestorEvent =>
  ({
    type: 'InvestorDetailsAmended',
    data: { investorId, changes: { rankings }, previous: { rankings: previous }, reason: 'joined the list' },
  }) as InvestorEvent;

describe('investor library', () => {
  describe('given a ranked firm with two projects registered out of date order', () => {
    const log = eventLog();
    const p1 = projectRegistered({ projectId: 'p-1', investorId: 'gree' });
    const p2 = projectRegistered({ projectId: 'p-2', investorId: 'gree' });
    log.record('investor-gree', [investorRegistered('gree', ['china_top_100'])]);
    log.record('project-p-1', [p1, projectEvents('p-1').contractSigned('2014-02-01')]);
    log.record('project-p-2', [p2, projectEvents('p-2').contractSigned('2014-02-01')]);
    // p-1 is recorded first but registered later in business time: the first registration is p-2's.
    log.record('project-p-1', [businessRegistered(p1, '2014-06-10')]);
    log.record('project-p-2', [businessRegistered(p2, '2014-05-02')]);
    log.record('investor-gree', [rankingsAmended('gree', ['fortune_global_500', 'china_top_100'], ['china_top_100'])]);

    it('lists its projects and finds its first registration in Hunan by business date', async () =>
      expect(await fold(projection, log.events)).toEqual([
        expect.objectContaining({
          _id: 'gree',
          registeredByUnit: 'changsha-commerce-bureau',
          rankings: ['fortune_global_500', 'china_top_100'],
          projectIds: ['p-1', 'p-2'],
          registrations: [
            { projectId: 'p-2', registeredOn: '2014-05-02' },
            { projectId: 'p-1', registeredOn: '2014-06-10' },
          ],
          firstRegistration: { projectId: 'p-2', registeredOn: '2014-05-02' },
          amendments: 1,
          revision: 1,
        }),
      ]));

    it('gives the same documents when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });

  describe('given a project moved to another investor by an amendment', () => {
    const log = eventLog();
    log.record('investor-a', [investorRegistered('a', [])]);
    log.record('investor-b', [investorRegistered('b', ['fortune_global_500'])]);
    log.record('project-p-1', [
      projectRegistered({ projectId: 'p-1', investorId: 'a' }),
      projectEvents('p-1').amended({ investorId: 'b' }, { investorId: 'a' }),
      projectEvents('p-1').amended({ name: 'Renamed' }, { name: 'Old' }),
    ]);

    it('moves the project from the old firm to the new one', async () =>
      expect((await fold(projection, log.events)).map((d) => [d._id, d.projectIds])).toEqual([
        ['a', []],
        ['b', ['p-1']],
      ]));

    it('gives the same documents when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });

  describe('given an investor registered in schema 1, before the registering unit was recorded', () => {
    const log = eventLog();
    const [current] = log.record('investor-old', [investorRegistered('old', ['listed'])]);
    const { registeredByUnit: _notYetRecorded, ...v1Data } = current.data;
    const { schemaVersion: _noVersion, ...v1Metadata } = current.metadata;
    const stored = { ...current, data: v1Data, metadata: { ...v1Metadata, unit: 'xiangtan-commerce-bureau' } };

    it('takes the unit from the metadata the event was stored with', async () =>
      expect(await fold(projection, [stored])).toEqual([
        expect.objectContaining({ _id: 'old', registeredByUnit: 'xiangtan-commerce-bureau', rankings: ['listed'] }),
      ]));
  });
});

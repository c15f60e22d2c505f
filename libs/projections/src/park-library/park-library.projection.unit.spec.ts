import type { ParkEvent } from '@itp/domain';
import { eventLog } from '../testing/recorded-events';
import { fold, replays } from '../testing/fold';
import { parkLibraryProjection as projection } from './park-library.projection';
import type { ParkLibraryDocument } from './park-library.document';

const registered: ParkEvent = {
  type: 'ParkRegistered',
  data: {
    parkId: 'songmu',
    name: 'Hengyang Songmu industrial park',
    city: '430400',
    level: 'provincial_park',
    levelApprovedOn: '2006-03-01',
  },
};
const upgraded: ParkEvent = {
  type: 'ParkUpgraded',
  data: { parkId: 'songmu', from: 'provincial_park', to: 'national_etdz', approvedOn: '2014-05-20' },
};
const completed = (floorAreaSqm: string, completedOn: string): ParkEvent => ({
  type: 'ParkStandardFactoryCompleted',
  data: { parkId: 'songmu', city: '430400', floorAreaSqm, completedOn, description: null },
});

describe('park library', () => {
  describe('given a park upgraded to a national ETDZ that completed standard factories in two years', () => {
    const log = eventLog();
    log.record('park-songmu', [
      registered,
      completed('120000.50', '2013-11-30'),
      upgraded,
      completed('300000.25', '2014-03-31'),
      completed('99999.25', '2014-09-30'),
    ]);
    let doc: ParkLibraryDocument;
    beforeAll(async () => {
      [doc] = await fold(projection, log.events);
    });

    it('keeps the level history with approval dates', () => {
      expect(doc).toMatchObject({
        level: 'national_etdz',
        levelApprovedOn: '2014-05-20',
        cityName: { en: 'Hengyang', zh: '衡阳' },
      });
      expect(doc.levelHistory.map(({ level, from, approvedOn, via }) => ({ level, from, approvedOn, via }))).toEqual([
        { level: 'provincial_park', from: null, approvedOn: '2006-03-01', via: 'registration' },
        { level: 'national_etdz', from: 'provincial_park', approvedOn: '2014-05-20', via: 'upgrade' },
      ]);
    });

    it('sums the floor area exactly, by year and in total', () =>
      // 300000.25 + 99999.25 = 399999.5; + 120000.50 = 520000
      expect(doc.standardFactory).toMatchObject({
        byYear: { '2013': '120000.5', '2014': '399999.5' },
        totalSqm: '520000',
      }));

    it('gives the same document when events are replayed (the position guard keeps sums from doubling)', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });
});

import { eventLog } from '../testing/recorded-events';
import { fold, replays } from '../testing/fold';
import { businessRegistered, projectEvents, projectRegistered } from '@itp/domain/testing/project-events';
import { projectLibraryProjection as projection } from './project-library.projection';
import type { ProjectLibraryDocument } from './project-library.document';

const P = 'p-1';
const registered = projectRegistered({ projectId: P });
const {
  abandoned,
  amended,
  assignedToXiangnan,
  contractSigned,
  problemRaised,
  problemResolved,
  progressCorrected,
  progressReported,
  resumed,
  stageAdvanced,
  suspended,
} = projectEvents(P);

describe('project library', () => {
  describe('given a registered lead', () => {
    const log = eventLog();
    log.record(`project-${P}`, [registered], '2014-01-10T02:00:00.000Z');

    it('keeps its details, city names, stage and the date it was identified', async () =>
      expect(await fold(projection, log.events)).toEqual([
        expect.objectContaining({
          _id: P,
          _position: 1,
          name: 'Lens Technology new materials',
          city: '430100',
          cityName: { en: 'Changsha', zh: '长沙' },
          totalInvestment: { amount: '250000000.00', currency: 'CNY' },
          introducerUnits: ['changsha-commerce-bureau'],
          stage: 'intention',
          status: 'active',
          identifiedOn: '2014-01-10',
          stageReachedOn: { intention: '2014-01-10' },
          registeredOn: null,
          countsTowardTarget: false,
          businessRegistration: null,
          revision: 0,
          createdAt: '2014-01-10T02:00:00.000Z',
          updatedAt: '2014-01-10T02:00:00.000Z',
        }),
      ]));
  });

  describe('given a project signed, registered, landed and then amended', () => {
    const log = eventLog();
    log.record(`project-${P}`, [
      registered,
      contractSigned('2014-03-01'),
      businessRegistered(registered, '2014-03-20'),
      stageAdvanced('signed', 'landed', '2014-04-02'),
      amended(
        { totalInvestment: { amount: '150000000.00', currency: 'CNY' }, city: '430200' },
        { totalInvestment: registered.data.totalInvestment, city: '430100' },
      ),
    ]);
    let doc: ProjectLibraryDocument;
    beforeAll(async () => {
      [doc] = await fold(projection, log.events);
    });

    it('records the stage dates', () => {
      expect(doc).toMatchObject({ stage: 'landed', signedOn: '2014-03-01', landedOn: '2014-04-02' });
      expect(doc.stageReachedOn).toEqual({ intention: '2014-01-10', signed: '2014-03-01', landed: '2014-04-02' });
    });

    it('keeps the registration as counted, with the rule and threshold that decided it', () => {
      expect(doc).toMatchObject({ registeredOn: '2014-03-20', targetYear: 2014, countsTowardTarget: true });
      expect(doc.businessRegistration).toMatchObject({
        totalInvestment: { amount: '250000000.00', currency: 'CNY' },
        introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
        evaluation: {
          rule: 'transfer_target_domestic',
          threshold: { amount: '200000000.00', currency: 'CNY' },
          qualifies: true,
        },
      });
    });

    it('shows the amended details without re-evaluating the count', () => {
      expect(doc).toMatchObject({
        totalInvestment: { amount: '150000000.00', currency: 'CNY' },
        city: '430200',
        cityName: { en: 'Zhuzhou', zh: '株洲' },
      });
      expect(doc).toMatchObject({
        countsTowardTarget: true,
        amendments: 1,
        lastAmendment: { fields: ['totalInvestment', 'city'], reason: 'corrected by the bureau' },
      });
      expect(doc.revision).toBe(4);
    });

    it('gives the same document when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });

  describe('given monthly progress, problems, a suspension and an abandonment', () => {
    const log = eventLog();
    log.record(`project-${P}`, [
      registered,
      contractSigned('2014-03-01'),
      progressReported('2014-04', '20000000.00'),
      progressReported('2014-03', '5000000.00'),
      progressCorrected('2014-04', '18000000.00', '20000000.00'),
      problemRaised('q1', '2014-04-03'),
      problemRaised('q2', '2014-04-05'),
      problemResolved('q1', '2014-04-20'),
      suspended('2014-05-01'),
      resumed('2014-05-10'),
      abandoned('2014-06-01'),
    ]);
    let doc: ProjectLibraryDocument;
    beforeAll(async () => {
      [doc] = await fold(projection, log.events);
    });

    it('keeps one cumulative figure per month, ascending, corrections noted', () =>
      expect(
        doc.progress.map((p) => [p.month, p.investmentCompletedToDate.amount, p.correction?.previous.amount ?? null]),
      ).toEqual([
        ['2014-03', '5000000.00', null],
        ['2014-04', '18000000.00', '20000000.00'],
      ]));

    it('counts open and resolved problems', () => {
      expect(doc).toMatchObject({ openProblems: 1, resolvedProblems: 1 });
      expect(doc.problems.find((p) => p.problemId === 'q1')?.resolvedOn).toBe('2014-04-20');
    });

    it('keeps the suspension with its resumption, and the abandonment with its reason', () => {
      expect(doc.suspensions).toEqual([
        {
          suspendedOn: '2014-05-01',
          stage: 'signed',
          reason: 'land approval delayed',
          resumedOn: '2014-05-10',
          resumeNote: 'land approved',
        },
      ]);
      expect(doc).toMatchObject({
        status: 'abandoned',
        abandonment: { abandonedOn: '2014-06-01', reason: 'investor withdrew' },
      });
    });

    it('gives the same document when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });

  describe('given a Hengyang project assigned to Xiangnan batch 3', () => {
    const hengyang = projectRegistered({
      projectId: P,
      parkId: null,
      city: '430400',
      capitalType: 'foreign',
      totalInvestment: { amount: '50000000.00', currency: 'USD' },
    });
    const log = eventLog();
    log.record(`project-${P}`, [
      hengyang,
      contractSigned('2014-02-01'),
      assignedToXiangnan('430400', hengyang.data.totalInvestment, 3, '2014-02-15'),
    ]);

    it('records the batch and whether it qualifies as major', async () =>
      expect((await fold(projection, log.events))[0].xiangnan).toMatchObject({
        batch: 3,
        assignedOn: '2014-02-15',
        qualifiesAsMajor: true,
        evaluation: { rule: 'xiangnan_major_project' },
      }));

    it('gives the same document when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });

  describe('given events of a project never registered', () => {
    const log = eventLog();
    log.record(`project-${P}`, [contractSigned('2014-03-01')]);

    it('makes no document', async () => expect(await fold(projection, log.events)).toEqual([]));
  });
});

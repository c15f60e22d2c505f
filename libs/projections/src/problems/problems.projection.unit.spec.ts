import { eventLog } from '../testing/recorded-events';
import { fold, replays } from '../testing/fold';
import { projectEvents } from '@itp/domain/testing/project-events';
import { problemsProjection as projection } from './problems.projection';

const { problemRaised, problemResolved, progressReported } = projectEvents('p-1');

describe('joint-conference problems', () => {
  describe('given two problems of a project, one resolved', () => {
    const log = eventLog();
    log.record('project-p-1', [
      problemRaised('q1', '2014-04-03', 'land-resources-department'),
      progressReported('2014-04', '100.00'),
      problemRaised('q2', '2014-04-05', 'power-grid-company'),
      problemResolved('q1', '2014-04-20'),
    ]);

    it('keeps one document per problem, with its status and resolution', async () =>
      expect(
        (await fold(projection, log.events)).map(
          ({ _id, projectId, assignedUnit, raisedOn, status, resolvedOn, resolution }) => ({
            _id,
            projectId,
            assignedUnit,
            raisedOn,
            status,
            resolvedOn,
            resolution,
          }),
        ),
      ).toEqual([
        {
          _id: 'p-1:q1',
          projectId: 'p-1',
          assignedUnit: 'land-resources-department',
          raisedOn: '2014-04-03',
          status: 'resolved',
          resolvedOn: '2014-04-20',
          resolution: 'approved at the joint conference',
        },
        {
          _id: 'p-1:q2',
          projectId: 'p-1',
          assignedUnit: 'power-grid-company',
          raisedOn: '2014-04-05',
          status: 'open',
          resolvedOn: null,
          resolution: null,
        },
      ]));

    it('gives the same documents when events are replayed', async () => {
      const { once, eachTwice, sequenceTwice } = await replays(projection, log.events);
      expect(eachTwice).toEqual(once);
      expect(sequenceTwice).toEqual(once);
    });
  });
});

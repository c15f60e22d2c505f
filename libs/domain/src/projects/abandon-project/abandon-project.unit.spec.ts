import { AggregateNotFoundError, DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { AbandonProject } from '../project.commands';
import type { ProjectEvent } from '../project.events';
import {
  abandoned,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const abandon = (abandonedOn = '2014-05-01', reason = 'investor withdrew'): AbandonProject => ({
  type: 'AbandonProject',
  data: { projectId: PROJECT_ID, reason, abandonedOn, recordedOn: TODAY },
});

describe('AbandonProject', () => {
  describe('when the project is active', () => {
    it('abandons it', () => given(projectRegistered(), contractSigned()).when(abandon()).then(abandoned()));

    it('requires a reason', () =>
      given(projectRegistered()).when(abandon('2014-05-01', '')).then(DomainValidationError));

    it('refuses a date before the previous milestone', () =>
      given(projectRegistered(), contractSigned('2014-03-01')).when(abandon('2014-02-01')).then(DomainValidationError));
  });

  describe('when the project is suspended', () => {
    it('abandons it, noting it was suspended', () => {
      const expected: ProjectEvent = {
        type: 'ProjectAbandoned',
        data: {
          projectId: PROJECT_ID,
          stage: 'signed',
          wasSuspended: true,
          reason: 'investor withdrew',
          abandonedOn: '2014-05-01',
        },
      };
      given(projectRegistered(), contractSigned(), suspended('2014-04-15')).when(abandon()).then(expected);
    });
  });

  describe('when the project is abandoned', () => {
    it('refuses: abandonment is terminal', () =>
      given(projectRegistered(), contractSigned(), abandoned())
        .when(abandon('2014-06-01'))
        .then(IllegalTransitionError));
  });

  describe('when the project does not exist', () => {
    it('is not found', () => given().when(abandon()).then(AggregateNotFoundError));
  });
});

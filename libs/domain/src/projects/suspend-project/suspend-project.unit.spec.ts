import { AggregateNotFoundError, DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { SuspendProject } from '../project.commands';
import {
  abandoned,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const suspend = (suspendedOn = '2014-04-15', reason = 'land approval delayed'): SuspendProject => ({
  type: 'SuspendProject',
  data: { projectId: PROJECT_ID, reason, suspendedOn, recordedOn: TODAY },
});

describe('SuspendProject', () => {
  describe('when the project is active', () => {
    const history = [projectRegistered(), contractSigned('2014-03-01')];

    it('suspends it at its stage, with the reason', () =>
      given(...history)
        .when(suspend())
        .then(suspended()));

    it('requires a reason', () =>
      given(...history)
        .when(suspend('2014-04-15', ' '))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('reason')));

    it('refuses a date before the previous milestone or after today', () => {
      given(...history)
        .when(suspend('2014-02-27'))
        .then(DomainValidationError);
      given(...history)
        .when(suspend('2014-07-01'))
        .then(DomainValidationError);
    });
  });

  describe('when the project is already suspended', () => {
    it('refuses to suspend it again', () =>
      given(projectRegistered(), contractSigned(), suspended())
        .when(suspend('2014-05-01'))
        .then(IllegalTransitionError));
  });

  describe('when the project is abandoned', () => {
    it('refuses', () =>
      given(projectRegistered(), contractSigned(), abandoned())
        .when(suspend('2014-06-01'))
        .then(IllegalTransitionError));
  });

  describe('when the project does not exist', () => {
    it('is not found', () => given().when(suspend()).then(AggregateNotFoundError));
  });
});

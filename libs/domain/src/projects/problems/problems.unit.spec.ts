import {
  AlreadyExistsError,
  DomainValidationError,
  IllegalTransitionError,
  NotFoundError,
} from '../../shared/domain-errors';
import type { RaiseProblem, ResolveProblem } from '../project.commands';
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

const raise = (overrides: Partial<RaiseProblem['data']> = {}): RaiseProblem => ({
  type: 'RaiseProblem',
  data: {
    projectId: PROJECT_ID,
    problemId: 'prob-1',
    title: 'Power supply',
    description: 'Substation capacity insufficient for phase II',
    assignedUnit: 'State Grid Hunan',
    raisedOn: '2014-04-01',
    recordedOn: TODAY,
    ...overrides,
  },
});

const raised: ProjectEvent = {
  type: 'ProjectProblemRaised',
  data: {
    projectId: PROJECT_ID,
    problemId: 'prob-1',
    title: 'Power supply',
    description: 'Substation capacity insufficient for phase II',
    assignedUnit: 'State Grid Hunan',
    raisedOn: '2014-04-01',
  },
};

const resolve = (problemId = 'prob-1', resolvedOn = '2014-05-01'): ResolveProblem => ({
  type: 'ResolveProblem',
  data: { projectId: PROJECT_ID, problemId, resolution: 'Temporary line approved', resolvedOn, recordedOn: TODAY },
});

const resolved: ProjectEvent = {
  type: 'ProjectProblemResolved',
  data: { projectId: PROJECT_ID, problemId: 'prob-1', resolution: 'Temporary line approved', resolvedOn: '2014-05-01' },
};

describe('RaiseProblem', () => {
  describe('when the project is open', () => {
    it('puts the problem to the joint conference', () => given(projectRegistered()).when(raise()).then(raised));

    it('is allowed while suspended', () =>
      given(projectRegistered(), contractSigned(), suspended()).when(raise()).then(raised));

    it('validates every text and the date', () =>
      given(projectRegistered())
        .when(raise({ title: '', assignedUnit: ' ', raisedOn: '2014-01-09' }))
        .then(DomainValidationError, (e) =>
          expect(e.errors.map((x) => x.field)).toEqual(['title', 'assignedUnit', 'raisedOn']),
        ));

    it('refuses a problem id already used', () =>
      given(projectRegistered(), raised).when(raise()).then(AlreadyExistsError));
  });

  describe('when the project is abandoned', () => {
    it('refuses', () =>
      given(projectRegistered(), contractSigned(), abandoned())
        .when(raise({ raisedOn: '2014-06-01' }))
        .then(IllegalTransitionError));
  });
});

describe('ResolveProblem', () => {
  describe('when the problem is open', () => {
    it('resolves it', () => given(projectRegistered(), raised).when(resolve()).then(resolved));

    it('refuses a resolution dated before the problem was raised', () =>
      given(projectRegistered(), raised).when(resolve('prob-1', '2014-03-31')).then(DomainValidationError));
  });

  describe('when the problem is unknown', () => {
    it('is not found', () =>
      given(projectRegistered(), raised)
        .when(resolve('prob-2'))
        .then(NotFoundError, (e) => expect(e.kind).toBe('problem')));
  });

  describe('when the problem is already resolved', () => {
    it('refuses to resolve it again', () =>
      given(projectRegistered(), raised, resolved).when(resolve()).then(IllegalTransitionError));
  });
});

import { AggregateNotFoundError, DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { SignProjectContract } from '../project.commands';
import {
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  stageAdvanced,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const sign = (signedOn = '2014-03-01', recordedOn = TODAY): SignProjectContract => ({
  type: 'SignProjectContract',
  data: { projectId: PROJECT_ID, signedOn, recordedOn },
});

describe('SignProjectContract', () => {
  describe('when the lead is at strategy', () => {
    it('signs straight away, skipping intention and negotiating', () =>
      given(projectRegistered({ stage: 'strategy' }))
        .when(sign())
        .then(contractSigned('2014-03-01', 'strategy')));
  });

  describe('when the lead is negotiating', () => {
    const history = [projectRegistered(), stageAdvanced('intention', 'negotiating', '2014-02-01')];

    it('signs', () =>
      given(...history)
        .when(sign())
        .then(contractSigned('2014-03-01', 'negotiating')));

    it('refuses a signing date before the previous milestone', () =>
      given(...history)
        .when(sign('2014-01-31'))
        .then(DomainValidationError, (e) =>
          expect(e.errors).toEqual([{ field: 'signedOn', message: expect.stringContaining('2014-02-01') }]),
        ));

    it('refuses a signing date after the day it is recorded', () =>
      given(...history)
        .when(sign('2014-03-02', '2014-03-01'))
        .then(DomainValidationError));

    it('refuses a malformed recording date', () =>
      given(...history)
        .when(sign('2014-03-01', '30/06/2014'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('recordedOn')));
  });

  describe('when the contract is already signed', () => {
    it('refuses to sign again', () =>
      given(projectRegistered(), contractSigned()).when(sign('2014-04-01')).then(IllegalTransitionError));
  });

  describe('when the lead is suspended', () => {
    it('refuses to sign', () =>
      given(projectRegistered(), suspended('2014-02-01', 'intention')).when(sign()).then(IllegalTransitionError));
  });

  describe('when the project does not exist', () => {
    it('is not found', () => given().when(sign()).then(AggregateNotFoundError));
  });
});

import { AggregateNotFoundError, DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { AdvanceProjectStage } from '../project.commands';
import {
  abandoned,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  stageAdvanced,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const advance = (stage: AdvanceProjectStage['data']['stage'], reachedOn = '2014-05-01'): AdvanceProjectStage => ({
  type: 'AdvanceProjectStage',
  data: { projectId: PROJECT_ID, stage, reachedOn, recordedOn: TODAY },
});

describe('AdvanceProjectStage', () => {
  describe('when the lead is at strategy', () => {
    const lead = projectRegistered({ stage: 'strategy' });

    it('moves to intention', () =>
      given(lead)
        .when(advance('intention'))
        .then(stageAdvanced('strategy', 'intention', '2014-05-01')));

    it('may skip intention and move to negotiating', () =>
      given(lead)
        .when(advance('negotiating'))
        .then(stageAdvanced('strategy', 'negotiating', '2014-05-01')));

    it('cannot land without a signed contract', () =>
      given(lead)
        .when(advance('landed'))
        .then(IllegalTransitionError, (e) => expect(e.message).toContain('only after signing')));

    it('refuses "signed": signing has its own command', () =>
      given(lead)
        .when(advance('signed' as never))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('stage')));

    it('refuses a date before the lead was identified', () =>
      given(lead)
        .when(advance('intention', '2014-01-09'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('reachedOn')));

    it('refuses a date after the day it is recorded', () =>
      given(lead).when(advance('intention', '2014-07-01')).then(DomainValidationError));
  });

  describe('when the lead is negotiating', () => {
    it('cannot go back to intention', () =>
      given(projectRegistered({ stage: 'negotiating' }))
        .when(advance('intention'))
        .then(IllegalTransitionError));
  });

  describe('when the contract is signed', () => {
    const history = [projectRegistered(), contractSigned('2014-03-01')];

    it('lands', () =>
      given(...history)
        .when(advance('landed'))
        .then(stageAdvanced('signed', 'landed', '2014-05-01')));

    it('cannot skip landing', () =>
      given(...history)
        .when(advance('under_construction'))
        .then(IllegalTransitionError, (e) => {
          expect(e.current).toBe('signed');
          expect(e.rule).toContain('each stage is reached in turn');
        }));

    it('refuses a landing date before the signing', () =>
      given(...history)
        .when(advance('landed', '2014-02-28'))
        .then(DomainValidationError, (e) => expect(e.errors[0].message).toContain('2014-03-01')));

    it('accepts a landing on the day of signing', () =>
      given(...history)
        .when(advance('landed', '2014-03-01'))
        .then(stageAdvanced('signed', 'landed', '2014-03-01')));
  });

  describe('when the project goes through every stage in turn', () => {
    it('reaches operating, and nothing after it', () => {
      const history = [
        projectRegistered(),
        contractSigned('2014-03-01'),
        stageAdvanced('signed', 'landed', '2014-03-10'),
        stageAdvanced('landed', 'under_construction', '2014-04-01'),
        stageAdvanced('under_construction', 'in_production', '2014-05-01'),
      ];
      given(...history)
        .when(advance('operating', '2014-06-01'))
        .then(stageAdvanced('in_production', 'operating', '2014-06-01'));
      given(...history, stageAdvanced('in_production', 'operating', '2014-06-01'))
        .when(advance('operating', '2014-06-02'))
        .then(IllegalTransitionError);
    });
  });

  describe('when the project is suspended', () => {
    it('refuses stage moves until resumed', () =>
      given(projectRegistered(), contractSigned(), suspended())
        .when(advance('landed'))
        .then(IllegalTransitionError, (e) => expect(e.current).toBe('suspended')));
  });

  describe('when the project is abandoned', () => {
    it('refuses everything', () =>
      given(projectRegistered(), contractSigned(), abandoned())
        .when(advance('landed', '2014-06-01'))
        .then(IllegalTransitionError, (e) => expect(e.current).toBe('abandoned')));
  });

  describe('when the project does not exist', () => {
    it('is not found', () => given().when(advance('intention')).then(AggregateNotFoundError));
  });
});

import { DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { ResumeProject } from '../project.commands';
import type { ProjectEvent } from '../project.events';
import {
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const resume = (resumedOn = '2014-05-01', note?: string): ResumeProject => ({
  type: 'ResumeProject',
  data: { projectId: PROJECT_ID, resumedOn, recordedOn: TODAY, ...(note ? { note } : {}) },
});

const resumed = (resumedOn = '2014-05-01', note: string | null = null): ProjectEvent => ({
  type: 'ProjectResumed',
  data: { projectId: PROJECT_ID, stage: 'signed', resumedOn, note },
});

describe('ResumeProject', () => {
  describe('when the project is suspended', () => {
    const history = [projectRegistered(), contractSigned('2014-03-01'), suspended('2014-04-15')];

    it('resumes it at the stage it had', () =>
      given(...history)
        .when(resume())
        .then(resumed()));

    it('keeps the note', () =>
      given(...history)
        .when(resume('2014-05-01', 'land approved'))
        .then(resumed('2014-05-01', 'land approved')));

    it('refuses a date before the suspension', () =>
      given(...history)
        .when(resume('2014-04-14'))
        .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('resumedOn')));

    it('lets the next stage be dated no earlier than the resumption', () => {
      given(...history, resumed('2014-05-01'))
        .when({
          type: 'AdvanceProjectStage',
          data: { projectId: PROJECT_ID, stage: 'landed', reachedOn: '2014-04-30', recordedOn: TODAY },
        })
        .then(DomainValidationError);
    });
  });

  describe('when the project is active', () => {
    it('refuses: there is nothing to resume', () =>
      given(projectRegistered())
        .when(resume())
        .then(IllegalTransitionError, (e) => expect(e.current).toBe('active')));
  });
});

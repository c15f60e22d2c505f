import { DomainValidationError } from '../../shared/domain-errors';
import type { AmendProjectDetails } from '../project.commands';
import {
  CONTEXT,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  registerProject,
  TODAY,
} from '../../testing/project-fixtures';
import { readsOf, type ProjectReferences } from './project-references';

const errorsOf = (e: DomainValidationError) => e.errors.map(({ field, message }) => `${field}: ${message}`);
const withReferences = (references: ProjectReferences) => ({ ...CONTEXT, references });
const amend = (changes: AmendProjectDetails['data']['changes']): AmendProjectDetails => ({
  type: 'AmendProjectDetails',
  data: { projectId: PROJECT_ID, changes, reason: 'contract annex 2', recordedOn: TODAY },
});
const hengyangPark: ProjectReferences = {
  investors: new Set(['inv-lens', 'inv-gree']),
  parks: new Map([
    ['park-liuyang', '430100'],
    ['park-hengyang', '430400'],
  ]),
};

describe('references of a registration', () => {
  describe('when the investor it names is not registered', () => {
    it('refuses it, naming investorId', () =>
      given()
        .when(registerProject(), withReferences({ ...CONTEXT.references, investors: new Set() }))
        .then(DomainValidationError, (e) =>
          expect(errorsOf(e)).toEqual(['investorId: no investor with id inv-lens: register it first']),
        ));
  });

  describe('when the park it names is not registered', () => {
    it('refuses it, naming parkId', () =>
      given()
        .when(registerProject(), withReferences({ ...CONTEXT.references, parks: new Map() }))
        .then(DomainValidationError, (e) =>
          expect(errorsOf(e)).toEqual(['parkId: no park with id park-liuyang: register it first']),
        ));
  });

  describe('when the park is in another city', () => {
    it("refuses it: a park must be in the project's city", () =>
      given()
        .when(registerProject({ parkId: 'park-hengyang' }), withReferences(hengyangPark))
        .then(DomainValidationError, (e) =>
          expect(errorsOf(e)).toEqual([
            "parkId: park park-hengyang is in city 430400, not in the project's city 430100",
          ]),
        ));
  });

  describe('when it names no park', () => {
    it('needs no park at all', () =>
      expect(
        given()
          .when(registerProject({ parkId: null }), withReferences({ ...CONTEXT.references, parks: new Map() }))
          .decide(),
      ).toHaveLength(1));
  });
});

describe('references of an amendment', () => {
  describe('when it moves the project to an unregistered investor', () => {
    it('refuses it, naming changes.investorId', () =>
      given(projectRegistered())
        .when(amend({ investorId: 'inv-unknown' }))
        .then(DomainValidationError, (e) =>
          expect(errorsOf(e)).toEqual(['changes.investorId: no investor with id inv-unknown: register it first']),
        ));
  });

  describe('when it moves the project to another city and names a park there', () => {
    it('records the move', () =>
      expect(
        given(projectRegistered())
          .when(amend({ city: '430400', parkId: 'park-hengyang' }), withReferences(hengyangPark))
          .decide()[0].data,
      ).toMatchObject({
        changes: { city: '430400', parkId: 'park-hengyang' },
      }));
  });

  describe("when it names a park of another city than the project's", () => {
    it('refuses it, naming changes.parkId', () =>
      given(projectRegistered())
        .when(amend({ parkId: 'park-hengyang' }), withReferences(hengyangPark))
        .then(DomainValidationError, (e) =>
          expect(errorsOf(e)).toEqual([
            "changes.parkId: park park-hengyang is in city 430400, not in the project's city 430100",
          ]),
        ));
  });
});

describe('what a command reads from other streams', () => {
  it('reads the investor and park a registration names', () =>
    expect(readsOf(registerProject())).toEqual({
      exchangeRates: false,
      investorIds: ['inv-lens'],
      parkIds: ['park-liuyang'],
    }));

  it('reads the rate table for a business registration, and nothing else', () =>
    expect(
      readsOf({
        type: 'RecordBusinessRegistration',
        data: { projectId: PROJECT_ID, recordedOn: TODAY, registeredOn: TODAY },
      }),
    ).toEqual({ exchangeRates: true, investorIds: [], parkIds: [] }));

  it('reads only the references an amendment changes', () =>
    expect(readsOf(amend({ name: 'New name' }))).toEqual({ exchangeRates: false, investorIds: [], parkIds: [] }));

  it('has nothing to read for a suspension', () =>
    expect(
      readsOf({
        type: 'SuspendProject',
        data: { projectId: PROJECT_ID, recordedOn: TODAY, reason: 'x', suspendedOn: TODAY },
      }),
    ).toEqual({ exchangeRates: false, investorIds: [], parkIds: [] }));
});

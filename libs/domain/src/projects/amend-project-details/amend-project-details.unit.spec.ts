import { DomainValidationError, IllegalTransitionError } from '../../shared/domain-errors';
import type { AmendProjectDetails } from '../project.commands';
import type { ProjectEvent } from '../project.events';
import { evolveProject } from '../project.evolve';
import { initialProjectState } from '../project.state';
import {
  abandoned,
  contractSigned,
  givenProject as given,
  PROJECT_ID,
  projectRegistered,
  suspended,
  TODAY,
} from '../../testing/project-fixtures';

const amend = (changes: AmendProjectDetails['data']['changes'], reason = 'contract annex 2'): AmendProjectDetails => ({
  type: 'AmendProjectDetails',
  data: { projectId: PROJECT_ID, changes, reason, recordedOn: TODAY },
});

const fields = (e: DomainValidationError) => e.errors.map((x) => x.field);

describe('AmendProjectDetails', () => {
  describe('when the project is open', () => {
    it('records only what changed, with the previous values and the reason', () =>
      given(projectRegistered())
        .when(
          amend({
            name: 'Lens Technology phase I',
            totalInvestment: { amount: '300000000', currency: 'CNY' },
            city: '430100',
          }),
        )
        .then({
          type: 'ProjectDetailsAmended',
          data: {
            projectId: PROJECT_ID,
            changes: { name: 'Lens Technology phase I', totalInvestment: { amount: '300000000.00', currency: 'CNY' } },
            previous: {
              name: 'Lens Technology new materials',
              totalInvestment: { amount: '250000000.00', currency: 'CNY' },
            },
            reason: 'contract annex 2',
          },
        }));

    it('clears the park with null', () =>
      given(projectRegistered())
        .when(amend({ parkId: null }))
        .then({
          type: 'ProjectDetailsAmended',
          data: {
            projectId: PROJECT_ID,
            changes: { parkId: null },
            previous: { parkId: 'park-liuyang' },
            reason: 'contract annex 2',
          },
        }));

    it('requires a reason', () =>
      given(projectRegistered())
        .when(amend({ name: 'x' }, ''))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['reason'])));

    it('refuses an amendment that changes nothing', () =>
      given(projectRegistered())
        .when(amend({ city: '430100' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes'])));

    it('validates each changed field under changes.', () =>
      given(projectRegistered())
        .when(
          amend({ industry: 'mining' as never, introducers: [{ unit: 'a', share: '0.5' }], colour: 'red' } as never),
        )
        .then(DomainValidationError, (e) =>
          expect(fields(e)).toEqual(['changes.industry', 'changes.introducers', 'changes.colour']),
        ));

    it('keeps the cross-field rules on the amended whole', () =>
      given(projectRegistered())
        .when(amend({ leadChannel: 'promotion_event' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes.promotionEvent'])));

    it('is allowed while suspended', () =>
      expect(
        given(projectRegistered(), contractSigned(), suspended())
          .when(amend({ name: 'On hold' }))
          .decide(),
      ).toHaveLength(1));
  });

  describe('when the project is registered and counted', () => {
    it('keeps the counting decision when the investment is amended down', () => {
      const registered = given(projectRegistered(), contractSigned())
        .when({
          type: 'RecordBusinessRegistration',
          data: { projectId: PROJECT_ID, registeredOn: '2014-05-01', recordedOn: TODAY },
        })
        .decide();
      const history: ProjectEvent[] = [projectRegistered(), contractSigned(), ...registered];
      const amended = given(...history)
        .when(amend({ totalInvestment: { amount: '1000.00', currency: 'CNY' } }))
        .decide();
      const state = [...history, ...amended].reduce(evolveProject, initialProjectState());
      expect(state.status === 'active' && state.businessRegistration).toEqual({
        registeredOn: '2014-05-01',
        countsTowardTarget: true,
      });
      expect(state.status === 'active' && state.details.totalInvestment).toEqual({
        amount: '1000.00',
        currency: 'CNY',
      });
    });
  });

  describe('when the project is in a Xiangnan batch', () => {
    it('refuses to move it out of the zone', () => {
      const lead = projectRegistered({ city: '430400', totalInvestment: { amount: '1.00', currency: 'USD' } });
      const assigned = given(lead)
        .when({
          type: 'AssignToXiangnanBatch',
          data: { projectId: PROJECT_ID, batch: 3, assignedOn: '2014-05-01', recordedOn: TODAY },
        })
        .decide();
      given(lead, ...assigned)
        .when(amend({ city: '430100' }))
        .then(DomainValidationError, (e) => expect(fields(e)).toEqual(['changes.city']));
      expect(
        given(lead, ...assigned)
          .when(amend({ city: '431100' }))
          .decide(),
      ).toHaveLength(1);
    });
  });

  describe('when the project is abandoned', () => {
    it('refuses', () =>
      given(projectRegistered(), contractSigned(), abandoned())
        .when(amend({ name: 'x' }))
        .then(IllegalTransitionError));
  });
});

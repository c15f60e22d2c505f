import {
  AggregateNotFoundError,
  AlreadyExistsError,
  DomainValidationError,
  IllegalTransitionError,
} from '../shared/domain-errors';
import type { ParkLevel } from '../catalogues/park-levels';
import { specFor } from '../testing/given-when-then';
import type { RecordStandardFactoryCompletion, RegisterPark, UpgradePark } from './park.commands';
import { parkDecider } from './park.decide';
import type { ParkEvent } from './park.events';

const given = specFor(parkDecider);
const TODAY = '2014-06-30';

const register = (overrides: Partial<RegisterPark['data']> = {}): RegisterPark => ({
  type: 'RegisterPark',
  data: {
    parkId: 'chenzhou-epz',
    name: 'Chenzhou export processing zone',
    city: '431000',
    level: 'export_processing_zone',
    recordedOn: TODAY,
    ...overrides,
  },
});

const registered = (level: ParkLevel = 'export_processing_zone', levelApprovedOn: string | null = null): ParkEvent => ({
  type: 'ParkRegistered',
  data: { parkId: 'chenzhou-epz', name: 'Chenzhou export processing zone', city: '431000', level, levelApprovedOn },
});

const upgrade = (level: ParkLevel, approvedOn = '2014-05-01'): UpgradePark => ({
  type: 'UpgradePark',
  data: { parkId: 'chenzhou-epz', level, approvedOn, recordedOn: TODAY },
});

const complete = (floorAreaSqm: string, completedOn = '2014-06-01'): RecordStandardFactoryCompletion => ({
  type: 'RecordStandardFactoryCompletion',
  data: { parkId: 'chenzhou-epz', floorAreaSqm, completedOn, recordedOn: TODAY },
});

describe('RegisterPark', () => {
  it('registers a new park', () => given().when(register()).then(registered()));

  it('records when its level was approved', () =>
    given()
      .when(register({ level: 'comprehensive_bonded_zone', levelApprovedOn: '2014-03-01' }))
      .then(registered('comprehensive_bonded_zone', '2014-03-01')));

  it('refuses an unknown city or level, a blank name, a future approval', () =>
    given()
      .when(
        register({
          name: '',
          city: '110000' as never,
          level: 'free_trade_zone' as never,
          levelApprovedOn: '2014-07-01',
        }),
      )
      .then(DomainValidationError, (e) =>
        expect(e.errors.map((x) => x.field)).toEqual(['name', 'city', 'level', 'levelApprovedOn']),
      ));

  it('refuses a park that exists', () => given(registered()).when(register()).then(AlreadyExistsError));
});

describe('UpgradePark', () => {
  describe('when the park is an export processing zone', () => {
    it('upgrades to a comprehensive bonded zone', () =>
      given(registered())
        .when(upgrade('comprehensive_bonded_zone'))
        .then({
          type: 'ParkUpgraded',
          data: {
            parkId: 'chenzhou-epz',
            from: 'export_processing_zone',
            to: 'comprehensive_bonded_zone',
            approvedOn: '2014-05-01',
          },
        }));

    it('refuses a move to the development ladder', () =>
      given(registered())
        .when(upgrade('national_etdz'))
        .then(IllegalTransitionError, (e) => expect(e.rule).toContain('own ladder')));

    it('refuses the same level', () =>
      given(registered()).when(upgrade('export_processing_zone')).then(IllegalTransitionError));
  });

  describe('when the park is provincial', () => {
    const provincial = registered('provincial_park', '2010-01-01');

    it('upgrades to a national ETDZ', () =>
      given(provincial)
        .when(upgrade('national_etdz'))
        .then({
          type: 'ParkUpgraded',
          data: { parkId: 'chenzhou-epz', from: 'provincial_park', to: 'national_etdz', approvedOn: '2014-05-01' },
        }));

    it('refuses a downgrade to an industrial concentration zone', () =>
      given(provincial)
        .when(upgrade('industrial_concentration_zone'))
        .then(IllegalTransitionError, (e) => expect(e.rule).toContain('downgrades')));

    it('refuses an approval before the current level was approved, or in the future', () => {
      given(provincial).when(upgrade('national_etdz', '2009-12-31')).then(DomainValidationError);
      given(provincial).when(upgrade('national_etdz', '2014-07-01')).then(DomainValidationError);
    });
  });

  describe('when the park is a national ETDZ', () => {
    it('does not "upgrade" to its peer, a national high-tech zone', () =>
      given(registered('national_etdz')).when(upgrade('national_high_tech_zone')).then(IllegalTransitionError));
  });

  it('is not found for an unknown park', () => given().when(upgrade('national_etdz')).then(AggregateNotFoundError));
});

describe('RecordStandardFactoryCompletion', () => {
  it('records the floor area with the park city', () =>
    given(registered())
      .when(complete('120000.50'))
      .then({
        type: 'ParkStandardFactoryCompleted',
        data: {
          parkId: 'chenzhou-epz',
          city: '431000',
          floorAreaSqm: '120000.50',
          completedOn: '2014-06-01',
          description: null,
        },
      }));

  it.each(['0', '-5', '1.005', '1e5'])('refuses area %p', (area) =>
    given(registered())
      .when(complete(area))
      .then(DomainValidationError, (e) => expect(e.errors[0].field).toBe('floorAreaSqm')),
  );

  it('refuses a completion after the day it is recorded', () =>
    given(registered()).when(complete('1', '2014-07-01')).then(DomainValidationError));

  it('is not found for an unknown park', () => given().when(complete('1')).then(AggregateNotFoundError));
});

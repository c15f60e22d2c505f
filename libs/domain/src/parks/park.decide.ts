import { CITY_CODES } from '../catalogues/cities';
import { isUpgrade, PARK_LEVEL_CODES, parkLevelInfo } from '../catalogues/park-levels';
import { isPositiveDecimal } from '../shared/decimal';
import {
  AggregateNotFoundError,
  AlreadyExistsError,
  DomainValidationError,
  IllegalTransitionError,
} from '../shared/domain-errors';
import type { Decider } from '../shared/messages';
import { checkBusinessDate, checkDate, checkId, checkOneOf, checkText, FieldErrors } from '../shared/validation';
import type { ParkCommand, RecordStandardFactoryCompletion, RegisterPark, UpgradePark } from './park.commands';
import type { ParkEvent, ParkRegistered, ParkStandardFactoryCompleted, ParkUpgraded } from './park.events';
import { evolvePark, initialParkState, type Park } from './park.state';

type RegisteredPark = Extract<Park, { status: 'registered' }>;

const startChecks = (data: { parkId: unknown; recordedOn: unknown }): FieldErrors => {
  const errors = new FieldErrors();
  checkId(errors, 'parkId', data.parkId);
  checkDate(errors, 'recordedOn', data.recordedOn);
  errors.throwIfAny();
  return errors;
};

const requireRegistered = (state: Park, parkId: string): RegisteredPark => {
  if (state.status === 'absent') throw new AggregateNotFoundError('park', parkId);
  if (state.parkId !== parkId)
    throw DomainValidationError.single('parkId', `addresses park ${state.parkId}, not ${parkId}`);
  return state;
};

const registerPark = ({ data }: RegisterPark, state: Park): ParkRegistered[] => {
  const errors = startChecks(data);
  if (state.status !== 'absent') throw new AlreadyExistsError('park', data.parkId);
  checkText(errors, 'name', data.name, 200);
  checkOneOf(errors, 'city', data.city, CITY_CODES);
  checkOneOf(errors, 'level', data.level, PARK_LEVEL_CODES);
  const approvedOn = data.levelApprovedOn ?? null;
  if (approvedOn !== null) checkBusinessDate(errors, 'levelApprovedOn', approvedOn, data.recordedOn);
  errors.throwIfAny();
  return [
    {
      type: 'ParkRegistered',
      data: {
        parkId: data.parkId,
        name: data.name.trim(),
        city: data.city,
        level: data.level,
        levelApprovedOn: approvedOn,
      },
    },
  ];
};

/** Only up the park's own ladder (see PARK_LEVELS); approvals are dated in order. */
const upgradePark = ({ data }: UpgradePark, state: Park): ParkUpgraded[] => {
  const errors = startChecks(data);
  const park = requireRegistered(state, data.parkId);
  checkOneOf(errors, 'level', data.level, PARK_LEVEL_CODES);
  checkBusinessDate(errors, 'approvedOn', data.approvedOn, data.recordedOn, {
    date: park.levelApprovedOn,
    label: 'the approval of the current level',
  });
  errors.throwIfAny();
  if (data.level === park.level) {
    throw new IllegalTransitionError('park', data.parkId, park.level, 'an upgrade must be to a different level');
  }
  if (!isUpgrade(park.level, data.level)) {
    const [from, to] = [parkLevelInfo(park.level), parkLevelInfo(data.level)];
    const rule =
      from.ladder !== to.ladder
        ? `${to.code} is a ${to.ladder} zone and ${from.code} a ${from.ladder} zone: a park moves only up its own ladder`
        : `${to.code} is not above ${from.code}: downgrades and moves between peer levels are not upgrades`;
    throw new IllegalTransitionError('park', data.parkId, park.level, rule);
  }
  return [
    {
      type: 'ParkUpgraded',
      data: { parkId: data.parkId, from: park.level, to: data.level, approvedOn: data.approvedOn },
    },
  ];
};

const recordStandardFactoryCompletion = (
  { data }: RecordStandardFactoryCompletion,
  state: Park,
): ParkStandardFactoryCompleted[] => {
  const errors = startChecks(data);
  const park = requireRegistered(state, data.parkId);
  if (!isPositiveDecimal(data.floorAreaSqm, 2, 10)) {
    errors.add('floorAreaSqm', 'must be a decimal string > 0 (m²) with at most 2 decimal places');
  }
  checkBusinessDate(errors, 'completedOn', data.completedOn, data.recordedOn);
  if (data.description !== undefined) checkText(errors, 'description', data.description, 500);
  errors.throwIfAny();
  return [
    {
      type: 'ParkStandardFactoryCompleted',
      data: {
        parkId: data.parkId,
        city: park.city,
        floorAreaSqm: data.floorAreaSqm,
        completedOn: data.completedOn,
        description: data.description?.trim() ?? null,
      },
    },
  ];
};

export const decidePark = (command: ParkCommand, state: Park): ParkEvent[] => {
  switch (command.type) {
    case 'RegisterPark':
      return registerPark(command, state);
    case 'UpgradePark':
      return upgradePark(command, state);
    case 'RecordStandardFactoryCompletion':
      return recordStandardFactoryCompletion(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown park command ${JSON.stringify(unknown)}`);
    }
  }
};

export const parkDecider: Decider<ParkCommand, ParkEvent, Park> = {
  initialState: initialParkState,
  decide: (command, state) => decidePark(command, state),
  evolve: evolvePark,
};

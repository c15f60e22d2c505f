import type { CityCode } from '../catalogues/cities';
import type { ParkLevel } from '../catalogues/park-levels';
import type { LocalDate } from '../shared/local-date';
import type { ParkEvent } from './park.events';

export type Park =
  | { readonly status: 'absent' }
  | {
      readonly status: 'registered';
      readonly parkId: string;
      readonly name: string;
      readonly city: CityCode;
      readonly level: ParkLevel;
      readonly levelApprovedOn: LocalDate | null;
    };

export const initialParkState = (): Park => ({ status: 'absent' });

export const evolvePark = (state: Park, event: ParkEvent): Park => {
  switch (event.type) {
    case 'ParkRegistered':
      return { status: 'registered', ...event.data };
    case 'ParkUpgraded':
      return state.status === 'registered'
        ? { ...state, level: event.data.to, levelApprovedOn: event.data.approvedOn }
        : state;
    case 'ParkStandardFactoryCompleted':
      return state; // floor area is summed by projections; no rule here depends on it
    default: {
      const unknown: never = event;
      throw new Error(`Unknown park event ${JSON.stringify(unknown)}`);
    }
  }
};

import type { DomainEvent } from '../shared/messages';
import { eventCatalogue, FIRST_SCHEMA } from '../shared/event-catalogue';
import type { DecimalString } from '../shared/decimal';
import type { LocalDate } from '../shared/local-date';
import type { CityCode } from '../catalogues/cities';
import type { ParkLevel } from '../catalogues/park-levels';

export const parkStreamId = (parkId: string): string => `park-${parkId}`;

export type ParkRegistered = DomainEvent<
  'ParkRegistered',
  { parkId: string; name: string; city: CityCode; level: ParkLevel; levelApprovedOn: LocalDate | null }
>;

export type ParkUpgraded = DomainEvent<
  'ParkUpgraded',
  { parkId: string; from: ParkLevel; to: ParkLevel; approvedOn: LocalDate }
>;

export type ParkStandardFactoryCompleted = DomainEvent<
  'ParkStandardFactoryCompleted',
  { parkId: string; city: CityCode; floorAreaSqm: DecimalString; completedOn: LocalDate; description: string | null }
>;

export type ParkEvent = ParkRegistered | ParkUpgraded | ParkStandardFactoryCompleted;
export type ParkEventType = ParkEvent['type'];
export const PARK_EVENTS = eventCatalogue<ParkEvent>({
  ParkRegistered: FIRST_SCHEMA,
  ParkUpgraded: FIRST_SCHEMA,
  ParkStandardFactoryCompleted: FIRST_SCHEMA,
});

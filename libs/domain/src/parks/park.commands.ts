import type { Command } from '../shared/messages';
import type { DecimalString } from '../shared/decimal';
import type { LocalDate } from '../shared/local-date';
import type { CityCode } from '../catalogues/cities';
import type { ParkLevel } from '../catalogues/park-levels';

type Recorded = { parkId: string; recordedOn: LocalDate };

export type RegisterPark = Command<
  'RegisterPark',
  Recorded & {
    name: string;
    city: CityCode;
    level: ParkLevel;
    /** When the current level was approved, if known: a park registered as a new bonded zone counts in that year. */
    levelApprovedOn?: LocalDate | null;
  }
>;

/** Up its own ladder only (see PARK_LEVELS). */
export type UpgradePark = Command<'UpgradePark', Recorded & { level: ParkLevel; approvedOn: LocalDate }>;

/** 标准厂房 completed (seed item 17): floor area in m², exact decimal > 0, at most 2 decimals. */
export type RecordStandardFactoryCompletion = Command<
  'RecordStandardFactoryCompletion',
  Recorded & { floorAreaSqm: DecimalString; completedOn: LocalDate; description?: string }
>;

export type ParkCommand = RegisterPark | UpgradePark | RecordStandardFactoryCompletion;

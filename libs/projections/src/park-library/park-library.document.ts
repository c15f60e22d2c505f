import type { CityName } from '../shared/domain-event';

/** A level the park held from `approvedOn` (null: the date of the level it was registered with is unknown). */
export type ParkLevelEntry = {
  level: string;
  from: string | null;
  approvedOn: string | null;
  via: 'registration' | 'upgrade';
  recordedAt: string;
};

export type FactoryCompletion = {
  completedOn: string;
  floorAreaSqm: string;
  description: string | null;
  recordedAt: string;
};

/** One park of the industrial base (产业基础数据库): its level ladder and its standard factory buildings. */
export type ParkLibraryDocument = {
  _id: string;
  _position?: number;
  parkId: string;
  name: string;
  city: string;
  cityName: CityName;
  level: string;
  levelApprovedOn: string | null;
  /** The registered level first, then each upgrade, in the order recorded. */
  levelHistory: ParkLevelEntry[];
  standardFactory: {
    /** Completed floor area (m², exact decimal strings) by the calendar year of `completedOn`. */
    byYear: Record<string, string>;
    totalSqm: string;
    completions: FactoryCompletion[];
  };
  revision: number;
  createdAt: string;
  updatedAt: string;
};

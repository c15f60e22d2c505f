import Big from 'big.js';
import type { RecordedEvent } from '@itp/event-store';
import { PARK_EVENTS, yearOf, type ParkEvent } from '@itp/domain';
import type { Projection } from '../projection';
import { cityName, domainEvent } from '../shared/domain-event';
import type { ParkLibraryDocument } from './park-library.document';

const evolve = (document: ParkLibraryDocument | null, recorded: RecordedEvent): ParkLibraryDocument | null => {
  const event = domainEvent<ParkEvent>(recorded);
  const { recordedAt, revision } = recorded;
  if (event.type === 'ParkRegistered') {
    const { parkId, name, city, level, levelApprovedOn } = event.data;
    return {
      _id: parkId,
      parkId,
      name,
      city,
      cityName: cityName(city),
      level,
      levelApprovedOn,
      levelHistory: [{ level, from: null, approvedOn: levelApprovedOn, via: 'registration', recordedAt }],
      standardFactory: { byYear: {}, totalSqm: '0', completions: [] },
      revision,
      createdAt: recordedAt,
      updatedAt: recordedAt,
    };
  }
  if (document === null) return null;
  const doc = { ...document, revision, updatedAt: recordedAt };
  switch (event.type) {
    case 'ParkUpgraded': {
      const { from, to, approvedOn } = event.data;
      return {
        ...doc,
        level: to,
        levelApprovedOn: approvedOn,
        levelHistory: [...doc.levelHistory, { level: to, from, approvedOn, via: 'upgrade', recordedAt }],
      };
    }
    case 'ParkStandardFactoryCompleted': {
      // Sums are not idempotent by themselves: the `_position` guard keeps a redelivered completion from counting twice.
      const { floorAreaSqm, completedOn, description } = event.data;
      const year = String(yearOf(completedOn));
      const { byYear, totalSqm, completions } = doc.standardFactory;
      return {
        ...doc,
        standardFactory: {
          byYear: { ...byYear, [year]: new Big(byYear[year] ?? '0').plus(floorAreaSqm).toFixed() },
          totalSqm: new Big(totalSqm).plus(floorAreaSqm).toFixed(),
          completions: [...completions, { completedOn, floorAreaSqm, description, recordedAt }],
        },
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown park event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Parks: level history (for the new national zones and bonded zones) and standard factory floor area by year. */
export const parkLibraryProjection: Projection<ParkLibraryDocument> = {
  name: 'park-library',
  version: 1,
  collection: 'park_library',
  handles: new Set<string>(PARK_EVENTS.types),
  documentIds: (event) => [String(event.data.parkId)],
  evolve,
  indexes: [
    // GET /parks (city, level; sorted by name) and the targets' list of parks.
    { keys: { city: 1 } },
    { keys: { level: 1 } },
    { keys: { name: 1, _id: 1 } },
  ],
};

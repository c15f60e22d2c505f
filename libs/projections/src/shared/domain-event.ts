import type { RecordedEvent } from '@itp/event-store';
import { CITIES } from '@itp/domain';

/**
 * The domain event inside a recorded one, typed by the union a projection handles. The store gives `data` as
 * plain JSON; the type string is a stable literal, so narrowing on it is safe.
 */
export const domainEvent = <E extends { type: string; data: object }>(event: RecordedEvent): E =>
  ({ type: event.type, data: event.data }) as unknown as E;

export type CityName = { en: string; zh: string };

/** English and Chinese names of a GB/T 2260 code, so readers need no catalogue of their own. */
export const cityName = (code: string): CityName => {
  const city = CITIES.find((c) => c.code === code);
  return city ? { en: city.en, zh: city.zh } : { en: code, zh: code };
};

import type { RecordedEvent } from '@itp/event-store';
import { CITIES, DOMAIN_EVENTS, type AnyDomainEvent } from '@itp/domain';

/**
 * The domain event inside a recorded one, in its current shape: decoded through the domain's one seam
 * (type checked against the domain's catalogue, old schema versions upcast). `E` is the subset of event
 * types a projection handles; the runner only hands it events of its `handles` set.
 */
export const domainEvent = <E extends AnyDomainEvent>(event: RecordedEvent): E => DOMAIN_EVENTS.decode(event) as E;

export type CityName = { en: string; zh: string };

/** English and Chinese names of a GB/T 2260 code, so readers need no catalogue of their own. */
export const cityName = (code: string): CityName => {
  const city = CITIES.find((c) => c.code === code);
  return city ? { en: city.en, zh: city.zh } : { en: code, zh: code };
};

import { eventCatalogue } from './event-catalogue';
import { EXCHANGE_RATE_EVENTS, type ExchangeRateEvent } from '../exchange-rates/exchange-rates.events';
import { INVESTOR_EVENTS, type InvestorEvent } from '../investors/investor.events';
import { PARK_EVENTS, type ParkEvent } from '../parks/park.events';
import { PROJECT_EVENTS, type ProjectEvent } from '../projects/project.events';
import { PUBLICATION_EVENTS, type PublicationEvent } from '../publications/publication.events';

/** Every event the domain records, whichever aggregate's. */
export type AnyDomainEvent = ProjectEvent | InvestorEvent | ParkEvent | ExchangeRateEvent | PublicationEvent;

/** All aggregates' catalogues as one: what the event store's readers decode with, and writers version with. */
export const DOMAIN_EVENTS = eventCatalogue<AnyDomainEvent>({
  ...PROJECT_EVENTS.schemas,
  ...INVESTOR_EVENTS.schemas,
  ...PARK_EVENTS.schemas,
  ...EXCHANGE_RATE_EVENTS.schemas,
  ...PUBLICATION_EVENTS.schemas,
});

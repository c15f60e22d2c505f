import type { DomainEvent } from '../shared/messages';
import { eventCatalogue, FIRST_SCHEMA, type Upcaster } from '../shared/event-catalogue';
import type { InvestorDetails } from './investor.commands';

export const investorStreamId = (investorId: string): string => `investor-${investorId}`;

/**
 * Schema 2 records the unit that registered the investor (`registeredByUnit`): only that unit (and admins)
 * may be trusted with its details. Schema 1 did not; its unit is the one in the event's metadata, which
 * every stored event carries from the API key that sent the command.
 */
export type InvestorRegistered = DomainEvent<
  'InvestorRegistered',
  { investorId: string; registeredByUnit: string } & InvestorDetails
>;

/** Only the fields that actually changed, with their previous values, and why. */
export type InvestorDetailsAmended = DomainEvent<
  'InvestorDetailsAmended',
  { investorId: string; changes: Partial<InvestorDetails>; previous: Partial<InvestorDetails>; reason: string }
>;

export type InvestorEvent = InvestorRegistered | InvestorDetailsAmended;
export type InvestorEventType = InvestorEvent['type'];

/** InvestorRegistered 1 → 2: the registering unit, from the metadata recorded with the event. */
export const investorRegisteredV1ToV2: Upcaster = (data, metadata) => ({
  ...data,
  registeredByUnit: typeof metadata.unit === 'string' ? metadata.unit : 'unknown',
});

export const INVESTOR_EVENTS = eventCatalogue<InvestorEvent>({
  InvestorRegistered: { upcasters: [investorRegisteredV1ToV2] },
  InvestorDetailsAmended: FIRST_SCHEMA,
});

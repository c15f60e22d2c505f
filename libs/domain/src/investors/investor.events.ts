import type { DomainEvent } from '../shared/messages';
import type { InvestorDetails } from './investor.commands';

export const investorStreamId = (investorId: string): string => `investor-${investorId}`;

export type InvestorRegistered = DomainEvent<'InvestorRegistered', { investorId: string } & InvestorDetails>;

/** Only the fields that actually changed, with their previous values, and why. */
export type InvestorDetailsAmended = DomainEvent<
  'InvestorDetailsAmended',
  { investorId: string; changes: Partial<InvestorDetails>; previous: Partial<InvestorDetails>; reason: string }
>;

export type InvestorEvent = InvestorRegistered | InvestorDetailsAmended;
export type InvestorEventType = InvestorEvent['type'];
export const INVESTOR_EVENT_TYPES: readonly InvestorEventType[] = ['InvestorRegistered', 'InvestorDetailsAmended'];

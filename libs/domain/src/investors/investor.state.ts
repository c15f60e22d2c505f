import type { InvestorDetails } from './investor.commands';
import type { InvestorEvent } from './investor.events';

export type Investor =
  | { readonly status: 'absent' }
  | {
      readonly status: 'registered';
      readonly investorId: string;
      readonly registeredByUnit: string;
      readonly details: InvestorDetails;
    };

export const initialInvestorState = (): Investor => ({ status: 'absent' });

export const evolveInvestor = (state: Investor, event: InvestorEvent): Investor => {
  switch (event.type) {
    case 'InvestorRegistered': {
      const { investorId, registeredByUnit, ...details } = event.data;
      return { status: 'registered', investorId, registeredByUnit, details };
    }
    case 'InvestorDetailsAmended':
      return state.status === 'registered' ? { ...state, details: { ...state.details, ...event.data.changes } } : state;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown investor event ${JSON.stringify(unknown)}`);
    }
  }
};

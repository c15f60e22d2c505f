import { AggregateNotFoundError, AlreadyExistsError, DomainValidationError } from '../shared/domain-errors';
import type { Decider } from '../shared/messages';
import { checkDate, checkId, checkText, FieldErrors } from '../shared/validation';
import type { AmendInvestorDetails, InvestorCommand, InvestorDetails, RegisterInvestor } from './investor.commands';
import type { InvestorDetailsAmended, InvestorEvent, InvestorRegistered } from './investor.events';
import { evolveInvestor, initialInvestorState, type Investor } from './investor.state';
import { checkCreditCodeMatchesCountry, INVESTOR_FIELD_CHECKS } from './investor.validate';

const FIELDS = Object.keys(INVESTOR_FIELD_CHECKS) as (keyof InvestorDetails)[];

const startChecks = (data: { investorId: unknown; recordedOn: unknown }): FieldErrors => {
  const errors = new FieldErrors();
  checkId(errors, 'investorId', data.investorId);
  checkDate(errors, 'recordedOn', data.recordedOn);
  errors.throwIfAny();
  return errors;
};

const registerInvestor = ({ data }: RegisterInvestor, state: Investor): InvestorRegistered[] => {
  const errors = startChecks(data);
  checkText(errors, 'registeredByUnit', data.registeredByUnit, 200);
  errors.throwIfAny();
  if (state.status !== 'absent') throw new AlreadyExistsError('investor', data.investorId);
  const input = data as Record<string, unknown>;
  const details = Object.fromEntries(
    FIELDS.map((f) => [f, INVESTOR_FIELD_CHECKS[f](errors, input[f])]),
  ) as InvestorDetails;
  checkCreditCodeMatchesCountry(errors, details);
  errors.throwIfAny();
  return [
    {
      type: 'InvestorRegistered',
      data: { investorId: data.investorId, registeredByUnit: data.registeredByUnit, ...details },
    },
  ];
};

const amendInvestorDetails = ({ data }: AmendInvestorDetails, state: Investor): InvestorDetailsAmended[] => {
  const errors = startChecks(data);
  if (state.status === 'absent') throw new AggregateNotFoundError('investor', data.investorId);
  if (state.investorId !== data.investorId) {
    throw DomainValidationError.single('investorId', `addresses investor ${state.investorId}, not ${data.investorId}`);
  }
  checkText(errors, 'reason', data.reason, 1000);
  const input = (typeof data.changes === 'object' && data.changes !== null ? data.changes : {}) as Record<
    string,
    unknown
  >;
  const nested = errors.nested('changes');
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!FIELDS.includes(key as keyof InvestorDetails)) {
      nested.add(key, 'is not an amendable investor detail');
      continue;
    }
    const field = key as keyof InvestorDetails;
    const value = INVESTOR_FIELD_CHECKS[field](nested, input[field]);
    if (value === undefined || JSON.stringify(value) === JSON.stringify(state.details[field])) continue;
    changes[field] = value;
    previous[field] = state.details[field];
  }
  errors.throwIfAny();
  if (Object.keys(changes).length === 0)
    errors.add('changes', 'must change at least one field (every field given already has that value)');
  checkCreditCodeMatchesCountry(nested, { ...state.details, ...(changes as Partial<InvestorDetails>) });
  errors.throwIfAny();
  return [
    {
      type: 'InvestorDetailsAmended',
      data: {
        investorId: data.investorId,
        changes: changes as Partial<InvestorDetails>,
        previous: previous as Partial<InvestorDetails>,
        reason: data.reason.trim(),
      },
    },
  ];
};

export const decideInvestor = (command: InvestorCommand, state: Investor): InvestorEvent[] => {
  switch (command.type) {
    case 'RegisterInvestor':
      return registerInvestor(command, state);
    case 'AmendInvestorDetails':
      return amendInvestorDetails(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown investor command ${JSON.stringify(unknown)}`);
    }
  }
};

export const investorDecider: Decider<InvestorCommand, InvestorEvent, Investor> = {
  initialState: initialInvestorState,
  decide: (command, state) => decideInvestor(command, state),
  evolve: evolveInvestor,
};

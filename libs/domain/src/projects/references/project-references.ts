import type { CityCode } from '../../catalogues/cities';
import type { FieldErrors } from '../../shared/validation';
import type { ProjectCommand } from '../project.commands';

/**
 * What a project command names in other aggregates (investors, parks). Aggregates are consistency boundaries:
 * the handler reads these streams before deciding and passes what it found, so the rules below stay pure.
 * A reference is a check at the time of the command, not a lock.
 */
export type ProjectReferences = {
  /** Ids of the named investors that exist. */
  readonly investors: ReadonlySet<string>;
  /** The named parks that exist, with their city. */
  readonly parks: ReadonlyMap<string, CityCode>;
};

/** Which other streams a command's decision reads: the handler reads exactly these, and no more. */
export type ProjectCommandReads = {
  readonly exchangeRates: boolean;
  readonly investorIds: readonly string[];
  readonly parkIds: readonly string[];
};

const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);

export const readsOf = (command: ProjectCommand): ProjectCommandReads => {
  switch (command.type) {
    case 'RegisterProject':
      return { exchangeRates: false, investorIds: text(command.data.investorId), parkIds: text(command.data.parkId) };
    case 'AmendProjectDetails': {
      const changes = (command.data.changes ?? {}) as { investorId?: unknown; parkId?: unknown };
      return { exchangeRates: false, investorIds: text(changes.investorId), parkIds: text(changes.parkId) };
    }
    case 'RecordBusinessRegistration':
    case 'AssignToXiangnanBatch':
      return { exchangeRates: true, investorIds: [], parkIds: [] };
    default:
      return { exchangeRates: false, investorIds: [], parkIds: [] };
  }
};

/** The investor a project names must be registered. */
export const checkInvestorReference = (
  errors: FieldErrors,
  field: string,
  investorId: string,
  references: ProjectReferences,
): void => {
  if (!references.investors.has(investorId)) errors.add(field, `no investor with id ${investorId}: register it first`);
};

/** The park a project names must be registered, and in the project's city. */
export const checkParkReference = (
  errors: FieldErrors,
  field: string,
  parkId: string,
  projectCity: string,
  references: ProjectReferences,
): void => {
  const parkCity = references.parks.get(parkId);
  if (parkCity === undefined) errors.add(field, `no park with id ${parkId}: register it first`);
  else if (parkCity !== projectCity)
    errors.add(field, `park ${parkId} is in city ${parkCity}, not in the project's city ${projectCity}`);
};

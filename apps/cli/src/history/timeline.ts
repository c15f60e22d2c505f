import type { RecordedEvent } from '@itp/event-store';
import { CITIES, PROJECT_EVENTS, type ProjectEvent } from '@itp/domain';

type Money = { amount: string; currency: string };

/** "CNY 250,000,000.00": the exact decimal, grouped by thousands. */
export const money = ({ amount, currency }: Money): string => {
  const [whole, fraction] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
};

export const cityName = (code: string): string => {
  const city = CITIES.find((candidate) => candidate.code === code);
  return city ? `${city.en} ${city.zh} (${code})` : code;
};

const quoted = (text: string, max = 90): string => `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;

const amended = (changes: Record<string, unknown>, previous: Record<string, unknown>): string =>
  Object.keys(changes)
    .map((field) => `${field} ${describeValue(previous[field])} -> ${describeValue(changes[field])}`)
    .join(', ');

const describeValue = (value: unknown): string => {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'object' && 'amount' in value && 'currency' in value) return money(value as Money);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

/** The key facts and figures of a project event, in one line. */
export function describeProjectEvent(event: ProjectEvent): string {
  switch (event.type) {
    case 'ProjectRegistered': {
      const d = event.data;
      return `lead registered (${d.stage}), identified ${d.identifiedOn}: ${quoted(d.name)}, ${cityName(d.city)}, ${d.industry}, ${d.capitalType}, total ${money(d.totalInvestment)}, introduced by ${d.introducers.map((i) => `${i.unit} ${i.share}`).join(' + ')}`;
    }
    case 'ProjectStageAdvanced':
      return `${event.data.from} -> ${event.data.to}, reached ${event.data.reachedOn}`;
    case 'ProjectContractSigned':
      return `contract signed ${event.data.signedOn} (from ${event.data.from})`;
    case 'ProjectBusinessRegistered': {
      const d = event.data;
      const counts = d.countsTowardTarget
        ? `counts toward the ${d.targetYear} target`
        : 'does not count toward a target';
      return `business registered ${d.registeredOn}: ${counts}, total ${money(d.totalInvestment)}, ${cityName(d.city)}`;
    }
    case 'ProjectSuspended':
      return `suspended ${event.data.suspendedOn} at ${event.data.stage}: ${quoted(event.data.reason)}`;
    case 'ProjectResumed':
      return `resumed ${event.data.resumedOn} at ${event.data.stage}${event.data.note ? `: ${quoted(event.data.note)}` : ''}`;
    case 'ProjectAbandoned':
      return `abandoned ${event.data.abandonedOn} at ${event.data.stage}${event.data.wasSuspended ? ' (while suspended)' : ''}: ${quoted(event.data.reason)}`;
    case 'ProjectMonthlyProgressReported':
      return `progress ${event.data.month}: ${money(event.data.investmentCompletedToDate)} completed to date`;
    case 'ProjectMonthlyProgressCorrected':
      return `progress ${event.data.month} corrected: ${money(event.data.previous)} -> ${money(event.data.investmentCompletedToDate)}: ${quoted(event.data.reason)}`;
    case 'ProjectProblemRaised':
      return `problem ${event.data.problemId} raised ${event.data.raisedOn}, assigned to ${event.data.assignedUnit}: ${quoted(event.data.title)}`;
    case 'ProjectProblemResolved':
      return `problem ${event.data.problemId} resolved ${event.data.resolvedOn}: ${quoted(event.data.resolution)}`;
    case 'ProjectAssignedToXiangnanBatch':
      return `assigned to Xiangnan batch ${event.data.batch} on ${event.data.assignedOn}: ${event.data.qualifiesAsMajor ? 'a major project of the batch' : 'not a major project'}`;
    case 'ProjectDetailsAmended':
      return `amended ${amended(event.data.changes, event.data.previous)}: ${quoted(event.data.reason)}`;
    default: {
      const unknown: never = event;
      return JSON.stringify(unknown);
    }
  }
}

/** The figures of a stored event: decoded (and upcast) as the domain reads it, or its raw data when it cannot be. */
export function describeStoredEvent(event: RecordedEvent): string {
  try {
    return describeProjectEvent(PROJECT_EVENTS.decode(event));
  } catch {
    return JSON.stringify(event.data);
  }
}

import { DomainValidationError } from '../../shared/domain-errors';
import { isLocalDate, monthOf, type LocalDate, type YearMonth } from '../../shared/local-date';

/**
 * 一月一调度 (seed items 22-23): a signed project reports its cumulative investment every month. A month's report
 * is due by day `dueDay` of the following month, by the day it was RECORDED (Asia/Shanghai), not by its business
 * month. This is the rule that says which projects failed to, as of a reference date. Pure: the caller gives
 * the reference date and the recorded days.
 *
 * - Followed: signed on or before the reference date, and on it not operating (营运: investment is complete and
 *   the project leaves monthly follow-up), not suspended, not abandoned. Other projects are never stale.
 * - Owed months: every month after the signing month whose due day is before the reference date (so before the
 *   reference month too), and at whose last day the project was neither operating nor suspended nor abandoned
 *   (a month spent suspended is excused; the month of signing is not owed).
 * - An owed month is on time when its first report was recorded by its due day; late when it was recorded after
 *   the due day but by the reference date; missing when none was recorded by the reference date. A late report
 *   does not undo the lapse: the month stays listed, as late.
 * - Stale: followed, with at least one owed month late or missing.
 */

export const DEFAULT_PROGRESS_DUE_DAY = 10;
/** Every month has a 28th: a larger due day would move with the month's length. */
export const MAX_PROGRESS_DUE_DAY = 28;

export type FollowUpProject = {
  signedOn: LocalDate | null;
  /** When the project reached `operating`, if it has. */
  operatingOn: LocalDate | null;
  suspensions: readonly { suspendedOn: LocalDate; resumedOn: LocalDate | null }[];
  abandonedOn: LocalDate | null;
  /** The month each progress report is for and the day (Asia/Shanghai) it was recorded. */
  progressReports: readonly { month: YearMonth; recordedOn: LocalDate }[];
};

export type OwedMonth = {
  month: YearMonth;
  /** The last day on which the month's report is on time. */
  dueOn: LocalDate;
  status: 'on_time' | 'late' | 'missing';
  /** The day the first report of the month was recorded; null when missing. */
  recordedOn: LocalDate | null;
};

export type NotFollowedReason = 'not_signed' | 'operating' | 'suspended' | 'abandoned';

export type ProgressFollowUp =
  | { followed: false; reason: NotFollowedReason; stale: false; owed: []; lapses: [] }
  | { followed: true; stale: boolean; owed: OwedMonth[]; lapses: OwedMonth[] };

const pad = (n: number): string => String(n).padStart(2, '0');

export const nextMonth = (month: YearMonth): YearMonth => {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
};

const lastDayOf = (month: YearMonth): LocalDate => {
  const [year, m] = month.split('-').map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return `${month}-${pad(days)}`;
};

/** The last day a month's report is on time: day `dueDay` of the next month. */
export const progressDueOn = (month: YearMonth, dueDay: number): LocalDate => `${nextMonth(month)}-${pad(dueDay)}`;

export const checkProgressDueDay = (dueDay: number, field = 'dueDay'): number => {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > MAX_PROGRESS_DUE_DAY)
    throw DomainValidationError.single(field, `must be a whole day of the month from 1 to ${MAX_PROGRESS_DUE_DAY}`);
  return dueDay;
};

const suspendedOn = (project: FollowUpProject, date: LocalDate): boolean =>
  project.suspensions.some((s) => s.suspendedOn <= date && (s.resumedOn === null || s.resumedOn > date));

const operatingOn = (project: FollowUpProject, date: LocalDate): boolean =>
  project.operatingOn !== null && project.operatingOn <= date;

const abandonedOn = (project: FollowUpProject, date: LocalDate): boolean =>
  project.abandonedOn !== null && project.abandonedOn <= date;

const notFollowed = (project: FollowUpProject, date: LocalDate): NotFollowedReason | null => {
  if (project.signedOn === null || project.signedOn > date) return 'not_signed';
  if (abandonedOn(project, date)) return 'abandoned';
  if (operatingOn(project, date)) return 'operating';
  if (suspendedOn(project, date)) return 'suspended';
  return null;
};

/** Which months a project owed by the reference date, and how each was reported. */
export const progressFollowUp = (
  project: FollowUpProject,
  referenceDate: LocalDate,
  dueDay: number = DEFAULT_PROGRESS_DUE_DAY,
): ProgressFollowUp => {
  if (!isLocalDate(referenceDate)) throw DomainValidationError.single('referenceDate', 'must be a date YYYY-MM-DD');
  checkProgressDueDay(dueDay);
  const reason = notFollowed(project, referenceDate);
  if (reason !== null) return { followed: false, reason, stale: false, owed: [], lapses: [] };

  const firstRecorded = new Map<YearMonth, LocalDate>();
  for (const { month, recordedOn } of project.progressReports) {
    const known = firstRecorded.get(month);
    if (known === undefined || recordedOn < known) firstRecorded.set(month, recordedOn);
  }

  const owed: OwedMonth[] = [];
  for (let month = nextMonth(monthOf(project.signedOn!)); ; month = nextMonth(month)) {
    const dueOn = progressDueOn(month, dueDay);
    if (dueOn >= referenceDate) break;
    const monthEnd = lastDayOf(month);
    if (operatingOn(project, monthEnd) || suspendedOn(project, monthEnd) || abandonedOn(project, monthEnd)) continue;
    const recorded = firstRecorded.get(month);
    const recordedOn = recorded !== undefined && recorded <= referenceDate ? recorded : null;
    const status = recordedOn === null ? 'missing' : recordedOn <= dueOn ? 'on_time' : 'late';
    owed.push({ month, dueOn, status, recordedOn });
  }
  const lapses = owed.filter((m) => m.status !== 'on_time');
  return { followed: true, stale: lapses.length > 0, owed, lapses };
};

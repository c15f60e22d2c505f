/** A calendar date, 'YYYY-MM-DD'. Compared as strings: the format sorts chronologically. */
export type LocalDate = string;
/** A calendar month, 'YYYY-MM'. */
export type YearMonth = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const isLocalDate = (value: unknown): value is LocalDate => {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

export const isYearMonth = (value: unknown): value is YearMonth => {
  if (typeof value !== 'string') return false;
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= 1900 && Number(match[2]) >= 1 && Number(match[2]) <= 12;
};

export const monthOf = (date: LocalDate): YearMonth => date.slice(0, 7);

export const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));

/** The later of two dates (null counts as "no date"). */
export const laterOf = (a: LocalDate | null, b: LocalDate | null): LocalDate | null =>
  a === null ? b : b === null ? a : a >= b ? a : b;

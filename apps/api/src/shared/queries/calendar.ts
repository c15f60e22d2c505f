/** Calendar arithmetic on 'YYYY-MM-DD' / 'YYYY-MM' strings, in whole days (no time zones involved). */

const pad = (n: number) => String(n).padStart(2, '0');

export const monthStart = (month: string): string => `${month}-01`;

export const monthEnd = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${pad(new Date(Date.UTC(year, m, 0)).getUTCDate())}`;
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** 'YYYY-Qn' → its first and last day, and 1 January of its year. */
export const quarterBounds = (quarter: string): { year: number; start: string; end: string; yearStart: string } => {
  const [yearText, q] = quarter.split('-Q');
  const year = Number(yearText);
  const firstMonth = (Number(q) - 1) * 3 + 1;
  return {
    year,
    start: `${year}-${pad(firstMonth)}-01`,
    end: monthEnd(`${year}-${pad(firstMonth + 2)}`),
    yearStart: `${year}-01-01`,
  };
};

/** The day after a date. */
export const dayAfter = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The earlier of two dates. */
export const earlierOf = (a: string, b: string): string => (a <= b ? a : b);

/** The one source of "now" for commands; tests replace it to pin business dates. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Asia/Shanghai has been UTC+8 all year since its last daylight saving time ended in September 1991. */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;

/**
 * "Today" as the province counts days (UTC+8): business dates may not be after it. Reports call it for every
 * progress report of every project (stale projects), so instants since 1992 are shifted by the fixed offset
 * instead of going through Intl (a fifth of the monthly dispatch's time on a large province); earlier ones, and
 * the last day of year 9999 on, through the time zone database.
 */
export const shanghaiToday = (instant: Date): string => {
  const ms = instant.getTime();
  if (ms >= FIXED_OFFSET_FROM && ms < LAST_FOUR_DIGIT_DAY) return civilDate(Math.floor((ms + EIGHT_HOURS) / DAY));
  return shanghaiDate.format(instant);
};

const DAY = 86_400_000;
const LAST_FOUR_DIGIT_DAY = Date.UTC(9999, 11, 31);
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** YYYY-MM-DD of a day counted from 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${two(month)}-${two(day)}`;
}

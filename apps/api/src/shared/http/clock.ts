/** The one source of "now" for commands; tests replace it to pin business dates. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The wall clock of Asia/Shanghai, only for its offset: the date is computed here (ICU's is Julian before 1582). */
const shanghaiClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Asia/Shanghai has been UTC+8 all year since its last daylight saving time ended in September 1991. */
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;

/**
 * "Today" as the province counts days (UTC+8): business dates may not be after it. Reports call it for every
 * progress report of every project (stale projects), so instants since 1992 are shifted by the fixed offset
 * instead of going through Intl (a fifth of the monthly dispatch's time on a large province); for earlier ones
 * (and the last day of year 9999 on) the time zone database gives the offset of that instant (LMT +08:05:43 before
 * 1901, +09:00 in the summers of 1940-1949 and 1986-1991), and the day is counted in the proleptic Gregorian
 * calendar like the fast path: always YYYY-MM-DD with four digits for the years 0000-9999.
 */
export const shanghaiToday = (instant: Date): string => {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  if (ms >= FIXED_OFFSET_FROM && ms < LAST_FOUR_DIGIT_DAY) return civilDate(Math.floor((ms + EIGHT_HOURS) / DAY));
  return civilDate(Math.floor((ms + shanghaiOffsetMs(ms)) / DAY));
};

/** Asia/Shanghai's offset from UTC at an instant, to the second: its wall clock's time of day less UTC's. */
function shanghaiOffsetMs(ms: number): number {
  const parts = Object.fromEntries(shanghaiClock.formatToParts(ms).map((part) => [part.type, part.value]));
  const wall = (Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second);
  const utc = Math.floor((((ms % DAY) + DAY) % DAY) / 1000);
  const offset = (((wall - utc) % 86_400) + 86_400) % 86_400; // 0..86399 s
  return (offset >= 43_200 ? offset - 86_400 : offset) * 1000; // -12:00..+11:59:59
}

const DAY = 86_400_000;
const LAST_FOUR_DIGIT_DAY = Date.UTC(9999, 11, 31);
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const four = (n: number): string => (n >= 0 && n <= 9999 ? String(n).padStart(4, '0') : String(n));

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
  return `${four(year)}-${two(month)}-${two(day)}`;
}

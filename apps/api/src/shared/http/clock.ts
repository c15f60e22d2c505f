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

/** "Today" as the province counts days (UTC+8): business dates may not be after it. */
export const shanghaiToday = (instant: Date): string => shanghaiDate.format(instant);

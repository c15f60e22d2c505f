import { shanghaiToday } from './clock';

const byTimeZoneDatabase = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('shanghaiToday', () => {
  it('names the same day as the time zone database, before and after 1992 (its fixed offset since), at every hour', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1985, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 3_600_000 * 7 + 59_999) {
      const instant = new Date(ms);
      if (shanghaiToday(instant) !== byTimeZoneDatabase.format(instant)) mismatches.push(instant.toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2014-06-30T15:59:59.999Z', '2014-06-30'],
    ['2014-06-30T16:00:00.000Z', '2014-07-01'],
    ['2000-02-28T16:00:00.000Z', '2000-02-29'],
    ['1991-07-01T15:30:00.000Z', byTimeZoneDatabase.format(new Date('1991-07-01T15:30:00.000Z'))],
    ['9999-12-31T16:00:00.000Z', byTimeZoneDatabase.format(new Date('9999-12-31T16:00:00.000Z'))],
  ])('%s is %s in Asia/Shanghai', (instant, day) => {
    expect(shanghaiToday(new Date(instant))).toBe(day);
  });

  it('refuses an invalid date as before', () => {
    expect(() => shanghaiToday(new Date(Number.NaN))).toThrow(RangeError);
  });
});

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

  it('agrees with the time zone database before 1992 too (LMT +08:05:43, the summers of +09:00), every few hours since 1600', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1600, 0, 1); ms < Date.UTC(1992, 0, 1); ms += 3_600_000 * 61 + 4_321) {
      const instant = new Date(ms);
      if (shanghaiToday(instant) !== byTimeZoneDatabase.format(instant)) mismatches.push(instant.toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    // schemathesis' asOf=0163-05-07T…: the time zone database's en-CA format gave "163-05-07", not a date
    ['0163-05-07T00:00:00.000Z', '0163-05-07'],
    ['0163-05-06T15:54:17.000Z', '0163-05-07'], // LMT: +08:05:43
    ['0163-05-06T15:54:16.999Z', '0163-05-06'],
    ['0999-12-31T16:00:00.000Z', '1000-01-01'],
    ['0001-01-01T00:00:00.000+08:00', '0001-01-01'],
    ['0000-01-01T00:00:00.000Z', '0000-01-01'], // proleptic Gregorian, as JavaScript's Date (ICU's would be Julian)
    ['1500-03-01T00:00:00.000Z', '1500-03-01'],
  ])('years before 1000 are four digits, every day proleptic Gregorian: %s is %s', (instant, day) => {
    expect(shanghaiToday(new Date(instant))).toBe(day);
    expect(shanghaiToday(new Date(instant))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses an invalid date as before', () => {
    expect(() => shanghaiToday(new Date(Number.NaN))).toThrow(RangeError);
  });
});

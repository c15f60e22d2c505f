import { dayAfter, dayNumber, daysBetween, earlierOf, monthEnd, quarterBounds } from './calendar';

describe('calendar arithmetic', () => {
  it('knows month ends, leap years included', () => {
    expect(monthEnd('2014-02')).toBe('2014-02-28');
    expect(monthEnd('2016-02')).toBe('2016-02-29');
    expect(monthEnd('2014-06')).toBe('2014-06-30');
    expect(monthEnd('2014-12')).toBe('2014-12-31');
  });

  it('counts whole days', () =>
    expect([daysBetween('2014-04-03', '2014-04-20'), daysBetween('2014-02-27', '2014-03-01')]).toEqual([17, 2]));

  it('numbers every day as Date.parse does, out-of-range days and months included', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (const year of [1600, 1899, 1900, 1970, 1999, 2000, 2013, 2014, 2016, 2024, 2100, 2400, 9999])
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect([date, dayNumber(date)]).toEqual([date, Date.parse(`${date}T00:00:00Z`) / 86_400_000]);
        }
    expect(dayNumber('not a date')).toBeNaN();
  });

  it('bounds a quarter', () =>
    expect(quarterBounds('2014-Q2')).toEqual({
      year: 2014,
      start: '2014-04-01',
      end: '2014-06-30',
      yearStart: '2014-01-01',
    }));

  it('steps to the next day across month and year ends', () =>
    expect([dayAfter('2014-02-28'), dayAfter('2016-02-28'), dayAfter('2014-12-31')]).toEqual([
      '2014-03-01',
      '2016-02-29',
      '2015-01-01',
    ]));

  it('picks the earlier date', () => expect(earlierOf('2014-07-11', '2014-07-05')).toBe('2014-07-05'));
});

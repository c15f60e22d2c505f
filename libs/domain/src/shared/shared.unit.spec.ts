import { CITIES, XIANGNAN_CITIES } from '../catalogues/cities';
import { INDUSTRIES } from '../catalogues/industries';
import { isLocalDate, isYearMonth } from './local-date';
import { isDecimalString } from './decimal';
import { DomainValidationError } from './domain-errors';

describe('local dates', () => {
  it.each(['2014-02-28', '2016-02-29', '2000-02-29', '2014-12-31'])('accepts %p', (d) =>
    expect(isLocalDate(d)).toBe(true),
  );
  it.each(['2014-02-29', '1900-02-29', '2014-13-01', '2014-04-31', '2014-1-01', '20140101', '2014-06-30T00:00:00Z'])(
    'rejects %p',
    (d) => expect(isLocalDate(d)).toBe(false),
  );
  it('knows months', () => {
    expect(isYearMonth('2014-06')).toBe(true);
    expect(isYearMonth('2014-00')).toBe(false);
  });
});

describe('decimal strings', () => {
  it.each(['0', '1', '0.5', '200000000.00'])('accepts %p', (v) => expect(isDecimalString(v, 2)).toBe(true));
  it.each(['01', '.5', '1.', '-1', '+1', '1e3', '1.234', 'NaN', '', ' 1'])('rejects %p', (v) =>
    expect(isDecimalString(v, 2)).toBe(false),
  );
  it('rejects numbers', () => expect(isDecimalString(1)).toBe(false));
});

describe('catalogues', () => {
  it('list the 14 prefecture-level divisions, three of them in Xiangnan', () => {
    expect(CITIES).toHaveLength(14);
    expect(XIANGNAN_CITIES.every((c) => CITIES.some((x) => x.code === c))).toBe(true);
  });
  it('have unique industry codes', () => expect(new Set(INDUSTRIES.map((i) => i.code)).size).toBe(INDUSTRIES.length));
});

describe('DomainValidationError', () => {
  it('lists every field in its message', () =>
    expect(
      new DomainValidationError([
        { field: 'a', message: 'x' },
        { field: 'b', message: 'y' },
      ]).message,
    ).toBe('Invalid command: a: x; b: y'));
});

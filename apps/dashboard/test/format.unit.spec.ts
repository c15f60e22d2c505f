import { CITIES } from '@itp/domain';
import { groupDigits, isMonth, isQuarter, percentOf, sharePercent, toYi } from '../src/format';
import { catalogueCodes, catalogueLabel } from '../src/i18n/catalogues';
import { MESSAGES } from '../src/i18n/messages';

describe('figures as the officials check them', () => {
  it('groups exact decimals by thousands without rounding them', () => {
    expect(groupDigits('951514627.33')).toBe('951,514,627.33');
    expect(groupDigits('2732500.5')).toBe('2,732,500.5');
    expect(groupDigits('0.00')).toBe('0.00');
    expect(groupDigits('-1234567')).toBe('-1,234,567');
    expect(groupDigits('123456789012345678.99')).toBe('123,456,789,012,345,678.99');
    expect(groupDigits('n/a')).toBe('n/a');
  });

  it('shows shares as percentages and amounts in units of 100 million for charts', () => {
    expect(['1', '0.7', '0.25', '0.125'].map(sharePercent)).toEqual(['100%', '70%', '25%', '12.5%']);
    expect(toYi('28172140000.00')).toBe(281.72);
    expect(percentOf(20, 130)).toBe(15.4);
    expect(percentOf(1, 0)).toBe(0);
  });

  it('accepts only real months and quarters from the address bar', () => {
    expect([isMonth('2014-06'), isMonth('2014-13'), isMonth(null)]).toEqual([true, false, false]);
    expect([isQuarter('2014-Q2'), isQuarter('2014-Q5')]).toEqual([true, false]);
  });
});

describe('the labels of the dashboard', () => {
  it('come from the domain catalogues in both languages', () => {
    expect(catalogueCodes('city')).toEqual(CITIES.map((c) => c.code));
    expect(catalogueLabel('city', '430400', 'zh')).toBe('衡阳');
    expect(catalogueLabel('stage', 'under_construction', 'en')).toBe('Under construction');
    expect(catalogueLabel('industry', 'no-such-code', 'zh')).toBe('no-such-code');
  });

  it('have every message in Chinese and in English', () => {
    for (const [key, message] of Object.entries(MESSAGES)) {
      expect([key, message.zh.length > 0, message.en.length > 0]).toEqual([key, true, true]);
    }
  });
});

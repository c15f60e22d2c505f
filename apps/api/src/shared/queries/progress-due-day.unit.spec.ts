import { ConfigurationError } from '@itp/platform';
import { progressDueDayFrom } from './progress-due-day';

describe('ITP_PROGRESS_DUE_DAY', () => {
  it('defaults to the 10th', () => expect(progressDueDayFrom({})).toBe(10));

  it('takes a day from 1 to 28', () =>
    expect(['1', ' 28 '].map((v) => progressDueDayFrom({ ITP_PROGRESS_DUE_DAY: v }))).toEqual([1, 28]));

  it.each(['0', '29', '31', '1.5', 'ten', '-3'])('refuses %j, naming the variable', (value) => {
    expect(() => progressDueDayFrom({ ITP_PROGRESS_DUE_DAY: value })).toThrow(ConfigurationError);
    expect(() => progressDueDayFrom({ ITP_PROGRESS_DUE_DAY: value })).toThrow(/ITP_PROGRESS_DUE_DAY must be a day/);
  });
});

import { DEFAULT_PROGRESS_DUE_DAY, MAX_PROGRESS_DUE_DAY } from '@itp/domain';
import { ConfigurationError } from '@itp/platform';

/** Injection token: the day of the following month by which a month's progress report is due (a number). */
export const PROGRESS_DUE_DAY = Symbol('PROGRESS_DUE_DAY');

export const PROGRESS_DUE_DAY_VARIABLE = 'ITP_PROGRESS_DUE_DAY';

/** ITP_PROGRESS_DUE_DAY, validated at start: a bad value stops the process with a message naming the variable. */
export const progressDueDayFrom = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[PROGRESS_DUE_DAY_VARIABLE]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_PROGRESS_DUE_DAY;
  const day = Number(raw);
  if (!/^\d+$/.test(raw) || day < 1 || day > MAX_PROGRESS_DUE_DAY)
    throw new ConfigurationError([
      `${PROGRESS_DUE_DAY_VARIABLE} must be a day of the month from 1 to ${MAX_PROGRESS_DUE_DAY}, got "${raw}"`,
    ]);
  return day;
};

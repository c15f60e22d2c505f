import { usageError } from './cli-errors';

/** RFC 3339 with a time zone: an instant, never a local time open to interpretation. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant in the stores' form (UTC, milliseconds), or a usage error naming the option. */
export function parseInstant(option: string, value: string): string {
  const ms = RFC3339.test(value) ? Date.parse(value.replace(' ', 'T')) : NaN;
  if (Number.isNaN(ms))
    throw usageError(
      `${option} must be an RFC 3339 instant with a time zone, e.g. 2014-07-05T18:00:00+08:00; got "${value}"`,
    );
  return new Date(ms).toISOString();
}

export type LogBound = { toPosition: number } | { toRecordedAt: string };

/** `--to`: a global position (digits) or a recorded instant (RFC 3339). */
export function parseLogBound(value: string): LogBound {
  if (/^\d+$/.test(value)) {
    const position = Number(value);
    if (!Number.isSafeInteger(position)) throw usageError(`--to ${value} is not a position this log can have`);
    return { toPosition: position };
  }
  return { toRecordedAt: parseInstant('--to', value) };
}

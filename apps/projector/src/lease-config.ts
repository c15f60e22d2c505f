import { ConfigurationError } from '@itp/platform';

/** Timings of the projector lease in MongoDB (libs/read-store/src/mongodb/mongodb-lease.ts). */
export interface LeaseTimings {
  ttlMs: number;
  renewEveryMs: number;
  pollEveryMs: number;
}

/**
 * ITP_PROJECTOR_LEASE_TTL_MS (15000): how long the lease lasts unrenewed, so how long a standby waits after the
 * active projector died or froze; ITP_PROJECTOR_LEASE_RENEW_MS (a third of the ttl): how often the holder renews;
 * ITP_PROJECTOR_LEASE_POLL_MS (2000): how often a standby looks. Validated like the rest of the configuration.
 */
export function leaseTimingsFromEnv(env: NodeJS.ProcessEnv = process.env): LeaseTimings {
  const problems: string[] = [];
  const read = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`${name} must be a positive integer (milliseconds), got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const ttlMs = read('ITP_PROJECTOR_LEASE_TTL_MS', 15_000);
  const renewEveryMs = read('ITP_PROJECTOR_LEASE_RENEW_MS', Math.max(1, Math.floor(ttlMs / 3)));
  const pollEveryMs = read('ITP_PROJECTOR_LEASE_POLL_MS', 2_000);
  if (renewEveryMs >= ttlMs)
    problems.push(
      `ITP_PROJECTOR_LEASE_RENEW_MS (${renewEveryMs}) must be shorter than ITP_PROJECTOR_LEASE_TTL_MS (${ttlMs})`,
    );
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { ttlMs, renewEveryMs, pollEveryMs };
}

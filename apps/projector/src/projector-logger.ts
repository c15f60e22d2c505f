import pino from 'pino';
import type { ItpConfig } from '@itp/platform';
import type { RunnerLogger } from '@itp/projections/runner';

/** JSON lines through pino, like the api's logs, so one log pipeline reads both processes. */
export const projectorLogger = (config: ItpConfig): RunnerLogger & { raw: pino.Logger } => {
  const raw = pino({ level: config.logLevel, base: { app: 'itp-projector' } });
  return {
    raw,
    log: (message) => raw.info(message),
    warn: (message) => raw.warn(message),
    error: (message) => raw.error(message),
  };
};

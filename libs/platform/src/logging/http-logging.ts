import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/**
 * How requests are logged (pino-http, through nestjs-pino). By default pino-http logs every answer of 500 and
 * above at error level with a stack trace it makes up ("failed with status code 503"). A 503 is an operational
 * state the client is told to retry (a backend out of reach, a read model not yet at `minPosition`), not a bug:
 * it is logged as a warning, on one line, without a stack. Other 5xx stay errors.
 */
export const httpLogOptions = (level: string): Options => ({
  level,
  // API keys are secrets: never logged, wherever they appear.
  redact: { paths: ['req.headers.authorization', 'req.headers["idempotency-key"]'], censor: '[redacted]' },
  autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
    res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : 'info',
  customErrorMessage: (_req: IncomingMessage, res: ServerResponse) =>
    res.statusCode === 503 ? 'request answered 503: unavailable for now, retry advised' : 'request errored',
  customErrorObject: (_req: IncomingMessage, res: ServerResponse, _error: Error, value: Record<string, unknown>) =>
    res.statusCode === 503 ? { ...value, err: undefined } : value,
});

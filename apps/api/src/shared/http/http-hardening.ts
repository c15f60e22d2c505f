import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  answerMethodNotAllowed,
  API_KEY_REGISTRY,
  authenticateBeforeBody,
  clientErrorHandler,
  frameworkErrorHandler,
  problemShapeOnSend,
  strictJsonParser,
  type ApiKeyRegistry,
  type HttpLimits,
} from '@itp/platform';

/**
 * Fastify's and Node's own limits, from the configuration: a body larger than the limit is a 413; a request
 * whose headers, or whole body, have not arrived in time is cut off with a 408 (Node checks its open
 * connections every `connectionsCheckingInterval`, 30 s unless told, so that is shortened too). Every answer
 * Fastify or Node writes itself is shaped as a problem.
 */
export const fastifyServerOptions = (limits: HttpLimits): FastifyHttpOptions<Server> => ({
  bodyLimit: limits.bodyLimitBytes,
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  connectionTimeout: limits.idleTimeoutMs,
  http: {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
  },
  frameworkErrors: frameworkErrorHandler,
  clientErrorHandler,
});

/**
 * What every request meets before a route: a method the path is not served with answered 405 with Allow
 * (method-not-allowed.ts); the API key checked before the body is read (a caller without one
 * is answered 401 at once, see authenticate-before-body.ts); JSON bodies in UTF-8 only, nesting bounded before
 * parsing, clean text normalised to NFC (json-body.ts); and every error answer a problem, whoever wrote it.
 */
export function hardenHttp(app: NestFastifyApplication, limits: HttpLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Before authentication: a method the path is not served with is a 405 with Allow, key or none.
  answerMethodNotAllowed(fastify);
  fastify.addHook('onRequest', authenticateBeforeBody(app.get<ApiKeyRegistry>(API_KEY_REGISTRY)));
  app.useBodyParser(
    'application/json',
    { bodyLimit: limits.bodyLimitBytes },
    strictJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  fastify.addHook('onSend', problemShapeOnSend);
}

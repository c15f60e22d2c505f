import type { FastifyServerOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { clientErrorHandler, frameworkErrorHandler, problemShapeOnSend, strictJsonParser } from '@itp/platform';

const BODY_LIMIT = 1_048_576;

/** Fastify's own options: the body limit, and every answer Fastify or Node writes itself shaped as a problem. */
export const fastifyServerOptions = (): FastifyServerOptions => ({
  bodyLimit: BODY_LIMIT,
  frameworkErrors: frameworkErrorHandler,
  clientErrorHandler,
});

/**
 * What every request meets before a route: JSON bodies in UTF-8 only, nesting bounded before parsing, clean text
 * normalised to NFC (json-body.ts); and every error answer a problem, whoever wrote it.
 */
export function hardenHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT },
    strictJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  fastify.addHook('onSend', problemShapeOnSend);
}

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, ProblemDetailsFilter, type ItpConfig } from '@itp/platform';
import { acquireWriterLock, storesWrittenBy } from '@itp/platform/data-dir/writer-lock';
import { relieveHeapPressure } from '@itp/read-store/embedded/heap-pressure';
import { AppModule } from './app.module';
import { errorMappers } from './infrastructure/error-mappers';
import { CLOCK, type Clock } from './shared/http/clock';
import { fastifyServerOptions, hardenHttp } from './shared/http/http-hardening';
import type { CommandRequest } from './shared/command-execution/command-context';

/**
 * Builds the api application (used by main.ts and by the e2e tests, so both run the same wiring).
 * First it takes the writer lock of the data directory's stores it writes (throws DataDirInUseError when another
 * process holds it), released when the app closes.
 */
export async function createApiApp(
  config: ItpConfig,
  options: { quiet?: boolean; clock?: Clock } = {},
): Promise<NestFastifyApplication> {
  const writerLock = acquireWriterLock(config.dataDir, storesWrittenBy(config, 'api'), { app: 'itp-api' });
  try {
    const app = await buildApiApp(config, options);
    // Fastify's onClose runs last in app.close() (and on SIGTERM), after the stores have closed.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => writerLock.release());
    return app;
  } catch (error) {
    writerLock.release();
    throw error;
  }
}

async function buildApiApp(
  config: ItpConfig,
  options: { quiet?: boolean; clock?: Clock },
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, { clock: options.clock }),
    new FastifyAdapter(fastifyServerOptions(config.http)),
    {
      bufferLogs: true,
      logger: options.quiet ? false : undefined,
    },
  );
  if (!options.quiet) app.useLogger(app.get(Logger));
  hardenHttp(app, config.http);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(errorMappers));
  app.enableShutdownHooks();
  // Every request's time of arrival, from the one clock: a command's `recordedOn` is the day it arrived.
  const clock = app.get<Clock>(CLOCK);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: FastifyRequest & CommandRequest) => {
      request.receivedAt = clock();
      // Before a read: the as-of engine's caches go first when the heap runs short (heap-pressure.ts says why).
      // Commands are small and many: they are not made to pay for the check.
      if (request.method === 'GET') relieveHeapPressure();
    });

  const openApi = new DocumentBuilder()
    .setTitle('ITP: Industrial Transfer Platform')
    .setDescription('Commands for integration clients, projections for reporting services, history for auditors.')
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key',
      description: 'An API key (16 or more characters, not a JWT), sent as "Authorization: Bearer <key>"',
    })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

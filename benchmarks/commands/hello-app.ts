/**
 * The HTTP CPU ceiling for `npm run bench:commands`: NestJS 11 on Fastify with the api's own pino request
 * logging (the same pino-http options, level info, to stdout), answering every POST /hello with a small
 * JSON body like a command's answer. No store, no validation, no guard.
 *   PORT=… ITP_DIST=dist/apps/api node --import tsx benchmarks/commands/hello-app.ts
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';

const level = process.env.LOG_LEVEL ?? 'info';

/**
 * The api's own pino-http options, taken from the build under measurement when it has them
 * (`httpLogOptions` of @itp/platform), else the options the api declared inline before that helper existed.
 */
function apiLogOptions(): { options: Params['pinoHttp']; source: string } {
  try {
    const platform = createRequire(__filename)(join(process.env.ITP_DIST ?? '', 'libs/platform/src/index.js')) as {
      httpLogOptions?: (level: string) => Params['pinoHttp'];
    };
    if (typeof platform.httpLogOptions === 'function')
      return { options: platform.httpLogOptions(level), source: 'httpLogOptions of the build' };
  } catch {
    // No build given, or one without the helper.
  }
  return {
    options: {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers["idempotency-key"]'], censor: '[redacted]' },
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
    source: 'the inline options of apps/api/src/app.module.ts',
  };
}

const logging = apiLogOptions();

@Controller()
class HelloController {
  private position = 0;

  @Post('hello')
  @HttpCode(200)
  hello(@Body() body: unknown) {
    this.position += 1;
    return { id: 'hello', revision: 0, position: this.position, echo: body === undefined ? null : 'ok' };
  }
}

@Module({
  imports: [LoggerModule.forRoot({ pinoHttp: logging.options })],
  controllers: [HelloController],
})
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    HelloModule,
    new FastifyAdapter({ bodyLimit: 1_048_576 }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  console.error(`hello world listening on ${process.env.PORT}, request logging: ${logging.source}`);
}

void main();

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@itp/platform';
import { commandContextFrom } from './command-request';

/** Injects the CommandContext of the request: principal, command id, correlation, If-Match. */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandContextFrom(context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>()),
);

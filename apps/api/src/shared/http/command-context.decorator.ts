import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandRequest } from '../command-execution/command-context';
import { commandContextFrom } from './command-request';

/** Injects the CommandContext of the request: principal, command id, correlation, If-Match, recording date. */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandContextFrom(context.switchToHttp().getRequest<FastifyRequest & CommandRequest>()),
);

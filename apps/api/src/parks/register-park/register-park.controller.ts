import { Body, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { newAggregateId } from '../../shared/http/command-request';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { ExecuteParkCommand } from '../execute-park-command';
import { ParkCommandController } from '../park-command-routes';
import { RegisterParkDto } from './register-park.dto';

@ParkCommandController()
export class RegisterParkController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @CommandDocs({
    summary: 'Register a park',
    status: 201,
    problems: {
      403: "The key's role may not send commands, or the city is outside the key's scope",
      409: 'It already exists (a reused Idempotency-Key on another body is a 422)',
    },
  })
  register(
    @Body() body: RegisterParkDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = {
      ...body,
      parkId: newAggregateId(context),
      recordedOn: context.recordedOn,
      levelApprovedOn: body.levelApprovedOn ?? null,
    };
    return sendCommand(this.commandBus, new ExecuteParkCommand({ type: 'RegisterPark', data }, context), reply, 201);
  }
}

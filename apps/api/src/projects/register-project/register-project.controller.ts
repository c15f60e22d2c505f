import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { newAggregateId } from '../../shared/http/command-request';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { RegisterProjectDto } from './register-project.dto';

@ProjectCommandController()
export class RegisterProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute('', 'Register a project (a lead)', 201, {
    problems: {
      403: "The key's role may not send commands, or the city is outside the key's scope",
      409: 'The project already exists (a reused Idempotency-Key on another body is a 422)',
    },
  })
  register(
    @Body() body: RegisterProjectDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { parkId, promotionEvent, ...details } = body;
    const data = {
      ...details,
      projectId: newAggregateId(context),
      recordedOn: context.recordedOn,
      parkId: parkId ?? null,
      promotionEvent: promotionEvent ? { id: promotionEvent.id, name: promotionEvent.name ?? null } : null,
    };
    return sendCommand(
      this.commandBus,
      new ExecuteProjectCommand({ type: 'RegisterProject', data }, context),
      reply,
      201,
    );
  }
}

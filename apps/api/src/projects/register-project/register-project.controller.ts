import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { newAggregateId } from '../../shared/http/command-request';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { RegisterProjectDto } from './register-project.dto';
import { RegisterProjectCommand } from './register-project.command';

@ProjectCommandController()
export class RegisterProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute('', 'Register a project (a lead)', 201)
  async register(@Body() body: RegisterProjectDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { parkId, promotionEvent, ...details } = body;
    const command = new RegisterProjectCommand(
      newAggregateId(context),
      { ...details, parkId: parkId ?? null, promotionEvent: promotionEvent ? { id: promotionEvent.id, name: promotionEvent.name ?? null } : null },
      context,
    );
    return answerCommand(reply, await this.commandBus.execute<RegisterProjectCommand, CommandResult>(command), 201);
  }
}

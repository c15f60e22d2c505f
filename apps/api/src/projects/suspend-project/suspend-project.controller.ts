import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { SuspendProjectDto } from './suspend-project.dto';
import { SuspendProjectCommand } from './suspend-project.command';

@ProjectCommandController()
export class SuspendProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/suspension', 'Suspend the project, with a reason')
  async handle(@Param('id') id: string, @Body() body: SuspendProjectDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<SuspendProjectCommand, CommandResult>(new SuspendProjectCommand(id, { reason: body.reason, suspendedOn: body.suspendedOn }, context));
    return answerCommand(reply, result, 200);
  }
}

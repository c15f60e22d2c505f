import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { AbandonProjectDto } from './abandon-project.dto';
import { AbandonProjectCommand } from './abandon-project.command';

@ProjectCommandController()
export class AbandonProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/abandonment', 'Abandon the project (terminal), with a reason')
  async handle(@Param('id') id: string, @Body() body: AbandonProjectDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<AbandonProjectCommand, CommandResult>(new AbandonProjectCommand(id, { reason: body.reason, abandonedOn: body.abandonedOn }, context));
    return answerCommand(reply, result, 200);
  }
}

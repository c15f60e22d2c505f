import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { ResumeProjectDto } from './resume-project.dto';
import { ResumeProjectCommand } from './resume-project.command';

@ProjectCommandController()
export class ResumeProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/resumption', 'Resume a suspended project')
  async handle(@Param('id') id: string, @Body() body: ResumeProjectDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<ResumeProjectCommand, CommandResult>(new ResumeProjectCommand(id, { resumedOn: body.resumedOn, note: body.note }, context));
    return answerCommand(reply, result, 200);
  }
}

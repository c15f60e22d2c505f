import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { ResumeProjectDto } from './resume-project.dto';

@ProjectCommandController()
export class ResumeProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/resumption', 'Resume a suspended project')
  handle(
    @IdParam('id') id: string,
    @Body() body: ResumeProjectDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'ResumeProject',
      data: { projectId: id, recordedOn: context.recordedOn, resumedOn: body.resumedOn, note: body.note },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { AbandonProjectDto } from './abandon-project.dto';

@ProjectCommandController()
export class AbandonProjectController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/abandonment', 'Abandon the project (terminal), with a reason')
  handle(
    @IdParam('id') id: string,
    @Body() body: AbandonProjectDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'AbandonProject',
      data: { projectId: id, recordedOn: context.recordedOn, reason: body.reason, abandonedOn: body.abandonedOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

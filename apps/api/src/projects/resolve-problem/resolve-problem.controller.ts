import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { ResolveProblemDto } from './resolve-problem.dto';

@ProjectCommandController()
export class ResolveProblemController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/problems/:problemId/resolution', 'Resolve a problem raised to the joint conference')
  handle(
    @IdParam('id') id: string,
    @IdParam('problemId') problemId: string,
    @Body() body: ResolveProblemDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'ResolveProblem',
      data: {
        projectId: id,
        recordedOn: context.recordedOn,
        problemId,
        resolution: body.resolution,
        resolvedOn: body.resolvedOn,
      },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

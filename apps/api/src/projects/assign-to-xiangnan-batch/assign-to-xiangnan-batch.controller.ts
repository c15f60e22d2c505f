import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { AssignToXiangnanBatchDto } from './assign-to-xiangnan-batch.dto';

@ProjectCommandController()
export class AssignToXiangnanBatchController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(
    ':id/demonstration-zone-batch',
    'Assign to a Xiangnan demonstration-zone batch of major projects',
  )
  handle(
    @IdParam('id') id: string,
    @Body() body: AssignToXiangnanBatchDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'AssignToXiangnanBatch',
      data: { projectId: id, recordedOn: context.recordedOn, batch: body.batch, assignedOn: body.assignedOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

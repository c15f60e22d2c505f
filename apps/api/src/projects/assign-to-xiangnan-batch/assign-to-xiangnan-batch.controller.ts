import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { AssignToXiangnanBatchDto } from './assign-to-xiangnan-batch.dto';
import { AssignToXiangnanBatchCommand } from './assign-to-xiangnan-batch.command';

@ProjectCommandController()
export class AssignToXiangnanBatchController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/demonstration-zone-batch', 'Assign to a Xiangnan demonstration-zone batch of major projects')
  async handle(@Param('id') id: string, @Body() body: AssignToXiangnanBatchDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<AssignToXiangnanBatchCommand, CommandResult>(new AssignToXiangnanBatchCommand(id, { batch: body.batch, assignedOn: body.assignedOn }, context));
    return answerCommand(reply, result, 200);
  }
}

import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { newAggregateId } from '../../shared/http/command-request';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { RaiseProblemDto } from './raise-problem.dto';
import { RaiseProblemCommand } from './raise-problem.command';

@ProjectCommandController()
export class RaiseProblemController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/problems', 'Raise a problem to the joint conference (联席会议)', 201)
  async raise(@Param('id') id: string, @Body() body: RaiseProblemDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const problemId = newAggregateId(context, 'problem');
    const result = await this.commandBus.execute<RaiseProblemCommand, CommandResult>(new RaiseProblemCommand(id, { problemId, ...body }, context));
    return answerCommand(reply, result, 201, { problemId });
  }
}

import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { newAggregateId } from '../../shared/http/command-request';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProblemRaisedAnswerDto } from '../../shared/openapi/command-answer.dto';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { RaiseProblemDto } from './raise-problem.dto';

@ProjectCommandController()
export class RaiseProblemController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/problems', 'Raise a problem to the joint conference (联席会议)', 201, {
    answer: ProblemRaisedAnswerDto,
  })
  raise(
    @IdParam('id') id: string,
    @Body() body: RaiseProblemDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const problemId = newAggregateId(context, 'problem');
    const command = {
      type: 'RaiseProblem',
      data: { ...body, projectId: id, recordedOn: context.recordedOn, problemId },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 201, { problemId });
  }
}

import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { ResolveProblemDto } from './resolve-problem.dto';
import { ResolveProblemCommand } from './resolve-problem.command';

@ProjectCommandController()
export class ResolveProblemController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/problems/:problemId/resolution', 'Resolve a problem raised to the joint conference')
  async handle(@Param('id') id: string, @Param('problemId') problemId: string, @Body() body: ResolveProblemDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<ResolveProblemCommand, CommandResult>(new ResolveProblemCommand(id, { problemId, resolution: body.resolution, resolvedOn: body.resolvedOn }, context));
    return answerCommand(reply, result, 200);
  }
}

import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { AdvanceableStage } from '@itp/domain';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { AdvanceStageDto } from './advance-stage.dto';

/** One resource per stage reached, all recorded by the same domain command. */
@ProjectCommandController()
export class AdvanceStageController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/intention', 'Record an investment intention (a lead registered at strategy moves on)')
  intend(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'intention', body, context, reply);
  }

  @ProjectCommandRoute(':id/negotiation', 'Start negotiating')
  negotiate(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'negotiating', body, context, reply);
  }

  @ProjectCommandRoute(':id/landing', 'Record that the project landed (落地)')
  land(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'landed', body, context, reply);
  }

  @ProjectCommandRoute(':id/construction', 'Start construction')
  construct(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'under_construction', body, context, reply);
  }

  @ProjectCommandRoute(':id/production', 'Start production')
  produce(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'in_production', body, context, reply);
  }

  @ProjectCommandRoute(':id/operation', 'Start operating')
  operate(
    @IdParam('id') id: string,
    @Body() body: AdvanceStageDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(id, 'operating', body, context, reply);
  }

  private advance(
    id: string,
    stage: AdvanceableStage,
    body: AdvanceStageDto,
    context: CommandContext,
    reply: FastifyReply,
  ) {
    const command = {
      type: 'AdvanceProjectStage',
      data: { projectId: id, recordedOn: context.recordedOn, stage, reachedOn: body.reachedOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

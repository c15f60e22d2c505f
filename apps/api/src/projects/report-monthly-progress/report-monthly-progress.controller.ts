import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { ReportMonthlyProgressDto } from './report-monthly-progress.dto';

@ProjectCommandController()
export class ReportMonthlyProgressController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/progress-reports', 'Report monthly progress (一月一调度)', 201)
  handle(
    @IdParam('id') id: string,
    @Body() body: ReportMonthlyProgressDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'ReportMonthlyProgress',
      data: {
        projectId: id,
        recordedOn: context.recordedOn,
        month: body.month,
        investmentCompletedToDate: {
          amount: body.investmentCompletedToDate.amount,
          currency: body.investmentCompletedToDate.currency,
        },
        correctionReason: body.correctionReason,
      },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 201);
  }
}

import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { ReportMonthlyProgressDto } from './report-monthly-progress.dto';
import { ReportMonthlyProgressCommand } from './report-monthly-progress.command';

@ProjectCommandController()
export class ReportMonthlyProgressController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/progress-reports', 'Report monthly progress (一月一调度)', 201)
  async handle(@Param('id') id: string, @Body() body: ReportMonthlyProgressDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<ReportMonthlyProgressCommand, CommandResult>(new ReportMonthlyProgressCommand(id, { month: body.month, investmentCompletedToDate: { amount: body.investmentCompletedToDate.amount, currency: body.investmentCompletedToDate.currency }, correctionReason: body.correctionReason }, context));
    return answerCommand(reply, result, 201);
  }
}

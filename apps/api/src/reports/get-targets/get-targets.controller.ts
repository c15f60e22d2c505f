import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { TargetsReportView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { ReportAnswers } from '../report-answers';
import { REPORTS } from '../report-catalogue';
import type { TargetsReport } from './targets.report';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/statistics')
export class GetTargetsController {
  constructor(private readonly reports: ReportAnswers) {}

  @Get('targets')
  @ApiOperation({
    summary:
      "Progress against the year's targets (seed items 2-4, 17), each count with the projects, firms or parks behind it. " +
      "Counts are province-wide for every key; a city-scoped key sees only its cities' projects and parks behind them",
  })
  @ApiQueryAnswer(
    TargetsReportView,
    'One section per target: counted, target, met, the rule applied and the list behind the count; transfer projects with ' +
      '`registeredInvestment` and `registeredInvestmentCny`',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TargetsReport | StreamableFile> {
    return this.reports.answer(REPORTS.targets, { year: String(query.year) }, { query, accept, scope, reply });
  }
}

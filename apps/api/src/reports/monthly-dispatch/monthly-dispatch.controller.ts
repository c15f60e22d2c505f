import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { MonthlyDispatchView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { ReportAnswers } from '../report-answers';
import { REPORTS } from '../report-catalogue';
import { MonthlyDispatchDto } from './monthly-dispatch.dto';
import type { MonthlyDispatchReport } from './monthly-dispatch.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class MonthlyDispatchController {
  constructor(private readonly reports: ReportAnswers) {}

  @Get('monthly-dispatch')
  @ApiOperation({
    summary:
      '一月一调度: progress of every major project in the month, open problems, totals by city, and the stale projects ' +
      "(no progress report recorded in time). A city-scoped key sees its cities' projects; totals stay province-wide",
  })
  @ApiQueryAnswer(
    MonthlyDispatchView,
    '{ month, definition, projects (each with `stale`), byCity, totals, unconverted, unevaluated, ' +
      'stale: { referenceDate, dueDay, rule, total, byCity, projects: [{ projectId, name, city, cityName, stage, status, ' +
      'responsibleUnits, missingMonths: [{ month, dueOn, status: missing|late, recordedOn }] }] } }',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  get(
    @Query() query: MonthlyDispatchDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MonthlyDispatchReport | StreamableFile> {
    // No referenceDate: the definition takes the day after the month's reports were due, or the as-of day (or today) if earlier.
    const parameters = { month: query.month, referenceDate: query.referenceDate };
    return this.reports.answer(REPORTS['monthly-dispatch'], parameters, { query, accept, scope, reply });
  }
}

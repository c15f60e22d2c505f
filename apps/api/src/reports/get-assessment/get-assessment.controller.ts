import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { AssessmentView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { ReportAnswers } from '../report-answers';
import { REPORTS } from '../report-catalogue';
import type { AssessmentReport } from './assessment.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/assessment')
export class GetAssessmentController {
  constructor(private readonly reports: ReportAnswers) {}

  @Get()
  @ApiOperation({
    summary:
      '绩效考核 (item 25): projects and amounts credited to each introducing unit for the year, ranked. Credits and ranks ' +
      "are province-wide for every key; a city-scoped key sees only its cities' projects behind them",
  })
  @ApiQueryAnswer(
    AssessmentView,
    '{ year, rules, projectsCounted, units: [{ rank, unit, projectsCredited, amountCreditedCny, projects: [{ ..., rate }] }], ' +
      'unconverted }',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssessmentReport | StreamableFile> {
    return this.reports.answer(REPORTS.assessment, { year: String(query.year) }, { query, accept, scope, reply });
  }
}

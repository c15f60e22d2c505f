import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { QuarterlyBulletinView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { ReportAnswers } from '../report-answers';
import { REPORTS } from '../report-catalogue';
import { QuarterlyBulletinDto } from './quarterly-bulletin.dto';
import type { QuarterlyBulletinReport } from './quarterly-bulletin.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class QuarterlyBulletinController {
  constructor(private readonly reports: ReportAnswers) {}

  @Get('quarterly-bulletin')
  @ApiOperation({
    summary:
      '一季一通报: projects counted in the quarter and year to date per city (ranked), per source region and per industry. ' +
      "Figures and the ranking are province-wide for every key; a city-scoped key sees only its cities' project ids",
  })
  @ApiQueryAnswer(
    QuarterlyBulletinView,
    '{ quarter, period, rules, totals, byCity, bySourceRegion, byIndustry, unconverted }',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  get(
    @Query() query: QuarterlyBulletinDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuarterlyBulletinReport | StreamableFile> {
    return this.reports.answer(
      REPORTS['quarterly-bulletin'],
      { quarter: query.quarter },
      { query, accept, scope, reply },
    );
  }
}

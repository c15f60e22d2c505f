import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { PromotionReportView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { ReportAnswers } from '../report-answers';
import { PROMOTION } from './promotion.definition';
import type { PromotionReport } from './promotion.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class PromotionController {
  constructor(private readonly reports: ReportAnswers) {}

  @Get('promotion')
  @ApiOperation({
    summary:
      '招商成效 (seed items 12-13): leads registered, contracts signed and registrations counted toward the target in the year, ' +
      'with their amounts in CNY, by lead channel and by promotion event, each figure with the projects behind it. Figures are ' +
      "province-wide for every key; a city-scoped key sees only its cities' projects behind them",
  })
  @ApiQueryAnswer(
    PromotionReportView,
    '{ year, rules, totals, byChannel: [{ channel, name: { en, zh }, leads, contracts, registrations }], ' +
      'byEvent: [{ eventId, name, otherNames, leads, contracts, registrations }], projects: [{ projectId, name, city, ' +
      'leadChannel, promotionEvent, measure, date, amount, amountCny }], unconverted }; each figure is ' +
      '{ count, amountCny, projectIds }. An event id named differently by its projects shows the name of the most recently ' +
      'identified project (`name`) and lists the others (`otherNames`)',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PromotionReport | StreamableFile> {
    return this.reports.answer(PROMOTION, { year: String(query.year) }, { query, accept, scope, reply });
  }
}

import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { PromotionReportView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { scopePromotion } from '../scope-reports';
import { promotionExport } from './promotion.export';
import { promotionReport, type PromotionReport } from './promotion.report';

const READS = [READ_MODEL.projects, READ_MODEL.rates];

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class PromotionController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
  ) {}

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
  async get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PromotionReport | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, READS, reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, READS);
    const stamp = format === 'json' ? null : asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of(READS);
    const { year } = query;
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    // The store narrows to the projects with a figure in the year; the report applies the rules itself.
    const [projects, rates] = await Promise.all([
      readModels.projects().find(
        {
          $or: [
            { identifiedOn: { $gte: from, $lte: to } },
            { signedOn: { $gte: from, $lte: to } },
            { targetYear: year, countsTowardTarget: true },
          ],
        },
        { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
      ),
      readModels.rateTable(),
    ]);
    const report = scopePromotion(promotionReport(year, projects, rates), scope, scope.visibleIds(projects));
    if (stamp !== null && format !== 'json')
      return exportFile(promotionExport(report, { asOf: stamp.text, scope: scope.description }), format);
    return { ...report };
  }
}

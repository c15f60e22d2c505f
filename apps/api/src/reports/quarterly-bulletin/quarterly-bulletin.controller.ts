import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { quarterBounds } from '../../shared/queries/calendar';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { QuarterlyBulletinView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { scopeBulletin } from '../scope-reports';
import { QuarterlyBulletinDto } from './quarterly-bulletin.dto';
import { quarterlyBulletinExport } from './quarterly-bulletin.export';
import { quarterlyBulletinReport, type QuarterlyBulletinReport } from './quarterly-bulletin.report';

const READS = [READ_MODEL.projects, READ_MODEL.rates];

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class QuarterlyBulletinController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
  ) {}

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
  async get(
    @Query() query: QuarterlyBulletinDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuarterlyBulletinReport | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, READS, reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, READS);
    const stamp = format === 'json' ? null : asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of(READS);
    const { year } = quarterBounds(query.quarter);
    const [projects, rates] = await Promise.all([
      readModels
        .projects()
        .find(
          { targetYear: year, countsTowardTarget: true },
          { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      readModels.rateTable(),
    ]);
    const report = quarterlyBulletinReport(query.quarter, projects, rates);
    const scoped = scopeBulletin(report, scope, scope.visibleIds(projects));
    if (stamp !== null && format !== 'json')
      return exportFile(quarterlyBulletinExport(scoped, { asOf: stamp.text, scope: scope.description }), format);
    return { ...scoped };
  }
}

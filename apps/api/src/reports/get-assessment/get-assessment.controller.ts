import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { AssessmentView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { scopeAssessment } from '../scope-reports';
import { assessmentExport } from './assessment.export';
import { assessmentReport, type AssessmentReport } from './assessment.report';

const READS = [READ_MODEL.projects, READ_MODEL.rates];

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/assessment')
export class GetAssessmentController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
  ) {}

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
  async get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssessmentReport | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, READS, reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, READS);
    const stamp = format === 'json' ? null : asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of(READS);
    const [projects, rates] = await Promise.all([
      readModels
        .projects()
        .find(
          { targetYear: query.year, countsTowardTarget: true },
          { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      readModels.rateTable(),
    ]);
    const report = scopeAssessment(assessmentReport(query.year, projects, rates), scope, scope.visibleIds(projects));
    if (stamp !== null && format !== 'json')
      return exportFile(assessmentExport(report, { asOf: stamp.text, scope: scope.description }), format);
    return { ...report };
  }
}

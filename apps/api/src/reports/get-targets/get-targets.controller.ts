import { Controller, Get, Headers, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { TargetsReportView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { scopeTargets } from '../scope-reports';
import { targetsExport } from './targets.export';
import { targetsReport, type TargetsReport } from './targets.report';
import { targetsFor } from './year-targets';

const READS = [READ_MODEL.projects, READ_MODEL.investors, READ_MODEL.parks, READ_MODEL.rates];

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/statistics')
export class GetTargetsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
  ) {}

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
  async get(
    @Query() query: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TargetsReport | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, READS, reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, READS);
    const stamp = format === 'json' ? null : asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of(READS);
    const { year } = query;
    // The store narrows; the report applies every rule itself, so it stays right on any superset.
    const [projects, investors, parks, rates] = await Promise.all([
      readModels
        .projects()
        .find(
          { $or: [{ targetYear: year, countsTowardTarget: true }, { 'xiangnan.qualifiesAsMajor': true }] },
          { sort: { registeredOn: 1, _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      readModels
        .investors()
        .find({ rankings: { $in: ['fortune_global_500', 'china_top_100'] } }, { sort: { name: 1, _id: 1 } }),
      readModels.parks().find({}, { sort: { name: 1, _id: 1 } }),
      readModels.rateTable(),
    ]);
    const report = targetsReport(year, targetsFor(year), { projects, investors, parks, rates });
    const scoped = scopeTargets(report, scope, await this.visible(readModels, scope, projects, report));
    if (stamp !== null && format !== 'json')
      return exportFile(targetsExport(scoped, { asOf: stamp.text, scope: scope.description }), format);
    return { ...scoped };
  }

  /** The projects a scoped key sees among those the report names (a firm's first registration may be any project). */
  private async visible(
    readModels: ReadModels,
    scope: ReadScope,
    projects: readonly { _id: string; city: string }[],
    report: TargetsReport,
  ): Promise<Set<string>> {
    const visible = scope.visibleIds(projects);
    if (scope.provinceWide) return visible;
    const others = report.rankedFirms.investors.flatMap((i) =>
      i.firstRegistration?.projectId ? [i.firstRegistration.projectId] : [],
    );
    if (others.length === 0) return visible;
    const seen = await readModels
      .projects()
      .find({ _id: { $in: others }, city: scope.cityCondition() }, { projection: { _id: 1 } });
    for (const p of seen) visible.add(p._id);
    return visible;
  }
}

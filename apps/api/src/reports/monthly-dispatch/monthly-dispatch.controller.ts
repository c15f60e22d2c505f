import { Controller, Get, Headers, Inject, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { CLOCK, type Clock } from '../../shared/http/clock';
import { earlierOf, monthEnd } from '../../shared/queries/calendar';
import { PROGRESS_DUE_DAY } from '../../shared/queries/progress-due-day';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { MonthlyDispatchView } from '../report-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText, reportDay } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { scopeDispatch } from '../scope-reports';
import { MonthlyDispatchDto } from './monthly-dispatch.dto';
import { monthlyDispatchExport } from './monthly-dispatch.export';
import { dispatchReferenceDate, monthlyDispatchReport, type MonthlyDispatchReport } from './monthly-dispatch.report';

const READS = [READ_MODEL.projects, READ_MODEL.rates];

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/reports')
export class MonthlyDispatchController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
    @Inject(PROGRESS_DUE_DAY) private readonly dueDay: number,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
  async get(
    @Query() query: MonthlyDispatchDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MonthlyDispatchReport | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, READS, reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, READS);
    const stamp = format === 'json' ? null : asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of(READS);
    const referenceDate =
      query.referenceDate ?? earlierOf(dispatchReferenceDate(query.month, this.dueDay), reportDay(asOf, this.clock));
    // Only signed projects can be in a dispatch; the report applies the rest of the definition.
    const [projects, rates] = await Promise.all([
      readModels.projects().find({ signedOn: { $ne: null, $lte: monthEnd(query.month) } }, { sort: { _id: 1 } }),
      readModels.rateTable(),
    ]);
    const report = monthlyDispatchReport(query.month, projects, rates, { referenceDate, dueDay: this.dueDay });
    const scoped = scopeDispatch(report, scope, scope.visibleIds(projects));
    if (stamp !== null && format !== 'json')
      return exportFile(monthlyDispatchExport(scoped, { asOf: stamp.text, scope: scope.description }), format);
    return { ...scoped };
  }
}

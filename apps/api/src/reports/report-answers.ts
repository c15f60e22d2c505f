import { Inject, Injectable, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProjectionFreshness } from '../projections/projection-freshness.service';
import { exportFile } from '../shared/exports/export-file';
import { negotiateFormat, type ExportFormat } from '../shared/exports/export-format';
import { ExportStamp } from '../shared/exports/export-stamp.service';
import { CLOCK, type Clock } from '../shared/http/clock';
import type { AsOfQueryDto } from '../shared/queries/as-of-query.dto';
import { AsOfReadModels, asOfStampText, reportNow } from '../shared/queries/as-of-read-models';
import { PROGRESS_DUE_DAY } from '../shared/queries/progress-due-day';
import { ReadModels } from '../shared/queries/read-models';
import type { ReadScope } from '../shared/queries/read-scope';
import type { ReportDefinition, ReportParameters } from './report-catalogue';

/** What a report's endpoint was asked, beside the report's own parameters. */
export interface ReportRequest {
  /** The as-of bound (asOf, atPosition), minPosition and format. */
  query: AsOfQueryDto & { format?: ExportFormat };
  accept: string | undefined;
  scope: ReadScope;
  /** Where X-As-Of-Position and X-As-Of go. */
  reply: FastifyReply;
}

/**
 * How every report endpoint answers, so that its controller keeps only its route, its documentation and its
 * parameters: on the live read models once they have folded `minPosition`, or on the read models as of the bound
 * asked; the report computed by its definition (report-catalogue.ts) and narrowed to the key's scope; as JSON, or
 * as a CSV or xlsx file stamped with what it reflects.
 */
@Injectable()
export class ReportAnswers {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly stamp: ExportStamp,
    @Inject(PROGRESS_DUE_DAY) private readonly dueDay: number,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async answer<Report extends object>(
    definition: ReportDefinition<Report>,
    parameters: ReportParameters,
    { query, accept, scope, reply }: ReportRequest,
  ): Promise<Report | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, definition.reads, reply);
    if (asOf === null) await this.freshness.ensure(query.minPosition, definition.reads);
    // Taken before the read: a live export claims no more than its read models had folded when it began.
    const stamp =
      format === 'json' ? null : asOf !== null ? asOfStampText(asOf) : (await this.stamp.of(definition.reads)).text;
    const compute = definition.prepare(parameters, reportNow(asOf, this.clock), this.dueDay);
    const { report, document } = await compute(asOf?.readModels ?? this.readModels, scope);
    if (stamp !== null && format !== 'json')
      return exportFile(document({ asOf: stamp, scope: scope.description }), format);
    return { ...report };
  }
}

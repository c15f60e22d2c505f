import { Controller, Get, Headers, Inject, Query, Res, type StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OwedMonth, RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import type { ReadFilter } from '@itp/read-store';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { exportFile } from '../../shared/exports/export-file';
import { negotiateFormat } from '../../shared/exports/export-format';
import { ExportStamp } from '../../shared/exports/export-stamp.service';
import { CLOCK, type Clock } from '../../shared/http/clock';
import { paging, type Page } from '../../shared/queries/fresh-query.dto';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { ProjectPageView } from '../project-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { AsOfReadModels, asOfStampText, reportDay } from '../../shared/queries/as-of-read-models';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { StaleProjects, staleRule } from '../../shared/queries/stale-projects';
import { ListProjectsDto } from './list-projects.dto';
import { parseSort, projectFilter, storeSort, type ParsedSort } from './list-projects.filter';
import { filtersZh, projectRow, projectsExport } from './list-projects.export';
import { projectItem, sortByCny } from './project-item';

/** Heavy per-project series stay on GET /projects/{id}. */
const LIST_FIELDS = { progress: 0, problems: 0, suspensions: 0 } as const;
/** Documents read at a time while an export streams. */
const EXPORT_CHUNK = 500;

type Item = ReturnType<typeof projectItem> & { staleness?: { stale: boolean; missingMonths: OwedMonth[] } };
type Answer = Page<Item> & {
  stale?: { referenceDate: string; dueDay: number; rule: string };
};

@ApiTags('projects')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/projects')
export class ListProjectsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
    private readonly staleProjects: StaleProjects,
    private readonly stamp: ExportStamp,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The project library (项目库), filtered, sorted and paged; each with its CNY equivalent. A city-scoped key lists its cities only',
  })
  @ApiQueryAnswer(
    ProjectPageView,
    '{ items, total, page, pageSize, stale? }; items leave out the progress series, problems and suspensions ' +
      '(GET /projects/{id} has them). With `stale`, each item has `staleness: { stale, missingMonths: [{ month, dueOn, status, recordedOn }] }`. ' +
      'As CSV or xlsx: every project the filters select (paging ignored), streamed.',
    { exports: true, asOf: true },
  )
  @QueryErrors()
  async list(
    @Query() query: ListProjectsDto,
    @Headers('accept') accept: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Answer | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const asOf = await this.asOf.forQuery(query, [READ_MODEL.projects, READ_MODEL.rates], reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    const referenceDate = query.referenceDate ?? reportDay(asOf, this.clock);
    let filter = projectFilter(query, scope);
    let lapses: Map<string, OwedMonth[]> | undefined;
    if (query.stale !== undefined) {
      const stale = await this.staleProjects.find(referenceDate, filter, readModels);
      lapses = new Map(stale.map((p) => [p.projectId, p.missingMonths]));
      filter = { ...filter, _id: { [query.stale ? '$in' : '$nin']: [...lapses.keys()] } };
    }
    const sort = parseSort(query.sort);
    if (format !== 'json') {
      const stamp =
        asOf !== null ? { text: asOfStampText(asOf) } : await this.stamp.of([READ_MODEL.projects, READ_MODEL.rates]);
      const table = await readModels.rateTable();
      const ids = await this.orderedIds(readModels, filter, sort, table);
      const period = filtersZh(query, referenceDate, this.staleProjects.dueDay);
      const rows = this.rows(readModels, ids, table, lapses);
      return exportFile(
        projectsExport(rows, period, lapses !== undefined, { asOf: stamp.text, scope: scope.description }),
        format,
      );
    }

    const { page, pageSize, skip } = paging(query);
    const projects = readModels.projects();
    const [table, total] = await Promise.all([readModels.rateTable(), projects.count(filter)]);
    const withStaleness = (p: ProjectLibraryDocument & { _position: number }): Item => {
      const item = projectItem(p, table);
      if (lapses === undefined) return item;
      const missingMonths = lapses.get(p._id) ?? [];
      return { ...item, staleness: { stale: missingMonths.length > 0, missingMonths } };
    };
    const answer = (items: Item[]): Answer => ({
      items,
      total,
      page,
      pageSize,
      ...(lapses === undefined
        ? {}
        : { stale: { referenceDate, dueDay: this.staleProjects.dueDay, rule: staleRule(this.staleProjects.dueDay) } }),
    });

    if (sort.field !== 'totalInvestment') {
      const items = await projects.find(filter, {
        sort: storeSort(sort),
        skip,
        limit: pageSize,
        projection: LIST_FIELDS,
      });
      return answer(items.map(withStaleness));
    }
    // Two currencies: sort the keys in memory (a few fields of each match), then read the page's documents.
    const pageIds = (await this.orderedIds(readModels, filter, sort, table)).slice(skip, skip + pageSize);
    const found =
      pageIds.length === 0 ? [] : await projects.find({ _id: { $in: pageIds } }, { projection: LIST_FIELDS });
    const byId = new Map(found.map((p) => [p._id, p]));
    return answer(pageIds.flatMap((id) => (byId.has(id) ? [withStaleness(byId.get(id)!)] : [])));
  }

  /** The ids the filter selects, in the list's order: all an export needs to hold in memory. */
  private async orderedIds(
    readModels: ReadModels,
    filter: ReadFilter,
    sort: ParsedSort,
    table: RateTable,
  ): Promise<string[]> {
    const projects = readModels.projects();
    if (sort.field !== 'totalInvestment')
      return (await projects.find(filter, { sort: storeSort(sort), projection: { _id: 1 } })).map((p) => p._id);
    const keys = await projects.find(filter, { projection: { totalInvestment: 1, registeredOn: 1 } });
    return sortByCny(keys, table, sort.direction).map((k) => k._id);
  }

  /** Reads the documents a chunk at a time, in the given order, as the export consumes them. */
  private async *rows(
    readModels: ReadModels,
    ids: readonly string[],
    table: RateTable,
    lapses?: Map<string, OwedMonth[]>,
  ) {
    for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
      const chunk = ids.slice(start, start + EXPORT_CHUNK);
      const found = await readModels.projects().find({ _id: { $in: chunk } }, { projection: LIST_FIELDS });
      const byId = new Map(found.map((p) => [p._id, p]));
      for (const id of chunk) {
        const project = byId.get(id);
        if (project !== undefined) yield projectRow(project, table, lapses && (lapses.get(id) ?? []));
      }
    }
  }
}

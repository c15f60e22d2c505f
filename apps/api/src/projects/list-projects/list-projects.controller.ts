import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { paging, type Page } from '../../shared/queries/fresh-query.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { projectItem, sortByCny } from './project-item';
import { ListProjectsDto } from './list-projects.dto';
import { parseSort, projectFilter, storeSort } from './list-projects.filter';

/** Heavy per-project series stay on GET /projects/{id}. */
const LIST_FIELDS = { progress: 0, problems: 0, suspensions: 0 } as const;

@ApiTags('projects')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@Controller('api/v1/projects')
export class ListProjectsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The project library (项目库), filtered, sorted and paged; each with its CNY equivalent' })
  @ApiOkResponse({
    description:
      '{ items, total, page, pageSize }; items leave out the progress series, problems and suspensions (GET /projects/{id} has them)',
  })
  @QueryErrors()
  async list(@Query() query: ListProjectsDto): Promise<Page<ReturnType<typeof projectItem>>> {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    const { page, pageSize, skip } = paging(query);
    const filter = projectFilter(query);
    const sort = parseSort(query.sort);
    const projects = this.readModels.projects();
    const [table, total] = await Promise.all([this.readModels.rateTable(), projects.count(filter)]);

    if (sort.field !== 'totalInvestment') {
      const items = await projects.find(filter, {
        sort: storeSort(sort),
        skip,
        limit: pageSize,
        projection: LIST_FIELDS,
      });
      return { items: items.map((p) => projectItem(p, table)), total, page, pageSize };
    }
    // Two currencies: sort the keys in memory (a few fields of each match), then read the page's documents.
    const keys = await projects.find(filter, { projection: { totalInvestment: 1, registeredOn: 1 } });
    const pageIds = sortByCny(keys, table, sort.direction)
      .slice(skip, skip + pageSize)
      .map((k) => k._id);
    const found =
      pageIds.length === 0 ? [] : await projects.find({ _id: { $in: pageIds } }, { projection: LIST_FIELDS });
    const byId = new Map(found.map((p) => [p._id, p]));
    const items = pageIds.flatMap((id) => (byId.has(id) ? [projectItem(byId.get(id)!, table)] : []));
    return { items, total, page, pageSize };
  }
}

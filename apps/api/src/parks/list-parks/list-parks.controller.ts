import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import type { ReadFilter } from '@itp/read-store';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { paging } from '../../shared/queries/fresh-query.dto';
import { view } from '../../shared/queries/query-answers';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { ParkPageView } from '../park-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { ListParksDto } from './list-parks.dto';

@ApiTags('parks')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/parks')
export class ListParksController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Parks, by name: level, level history and standard factory floor area by year. A city-scoped key lists its cities only',
  })
  @ApiQueryAnswer(ParkPageView, '{ items, total, page, pageSize }')
  @QueryErrors()
  async list(@Query() query: ListParksDto, @CurrentReadScope() scope: ReadScope) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.parks]);
    const { page, pageSize, skip } = paging(query);
    const filter: ReadFilter = {};
    const city = scope.cityCondition(query.city);
    if (city !== undefined) filter.city = city;
    if (query.level !== undefined) filter.level = query.level;
    const parks = this.readModels.parks();
    const [items, total] = await Promise.all([
      parks.find(filter, { sort: { name: 1, _id: 1 }, skip, limit: pageSize }),
      parks.count(filter),
    ]);
    return { items: items.map(view), total, page, pageSize };
  }
}

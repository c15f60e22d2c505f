import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import type { ReadFilter } from '@itp/read-store';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { paging } from '../../shared/queries/fresh-query.dto';
import { containsText, view } from '../../shared/queries/query-answers';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { InvestorPageView } from '../investor-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { scopeInvestor, visibleInvestorProjects } from '../../shared/queries/scoped-investor';
import { ListInvestorsDto } from './list-investors.dto';

@ApiTags('investors')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/investors')
export class ListInvestorsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The investor library (客商资源库), by name, with rankings and project ids. A city-scoped key reads every firm, with ' +
      "its cities' project ids only",
  })
  @ApiQueryAnswer(InvestorPageView, '{ items, total, page, pageSize }')
  @QueryErrors()
  async list(@Query() query: ListInvestorsDto, @CurrentReadScope() scope: ReadScope) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.investors, READ_MODEL.projects]);
    const { page, pageSize, skip } = paging(query);
    const filter: ReadFilter = {};
    if (query.ranking !== undefined) filter.rankings = query.ranking;
    if (query.country !== undefined) filter.country = query.country.toUpperCase();
    if (query.q !== undefined && query.q.trim() !== '') filter.name = containsText(query.q.trim());
    const investors = this.readModels.investors();
    const [items, total] = await Promise.all([
      investors.find(filter, { sort: { name: 1, _id: 1 }, skip, limit: pageSize }),
      investors.count(filter),
    ]);
    const visible = await visibleInvestorProjects(this.readModels, scope, items);
    return {
      items: items.map((i) => view(scopeInvestor(i, visible))),
      total,
      page,
      pageSize,
    };
  }
}

import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { AsOfQueryDto } from '../../shared/queries/as-of-query.dto';
import { AsOfReadModels } from '../../shared/queries/as-of-read-models';
import { PROJECT_SUMMARY_FIELDS, projectSummary } from '../../shared/queries/project-summary';
import { notFound, view } from '../../shared/queries/query-answers';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { InvestorDetailView } from '../investor-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { scopeInvestor, visibleInvestorProjects } from '../../shared/queries/scoped-investor';

@ApiTags('investors')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/investors')
export class GetInvestorController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'One investor, with its projects and its first business registration in Hunan. A city-scoped key reads every firm, ' +
      "with its cities' projects only",
  })
  @ApiQueryAnswer(InvestorDetailView, 'The investor and `projects` (a summary of each)', { asOf: true })
  @QueryErrors({ notFound: 'Unknown investor' })
  async get(
    @Param('id') id: string,
    @Query() query: AsOfQueryDto,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = await this.asOf.forQuery(query, [READ_MODEL.investors, READ_MODEL.projects], reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, [READ_MODEL.investors, READ_MODEL.projects]);
    const investor = await readModels.investors().findOne({ _id: id });
    if (investor === null) throw notFound('investor', id);
    const city = scope.cityCondition();
    const projects = await readModels
      .projects()
      .find(
        { _id: { $in: investor.projectIds }, ...(city === undefined ? {} : { city }) },
        { sort: { name: 1, _id: 1 }, projection: PROJECT_SUMMARY_FIELDS },
      );
    const visible = await visibleInvestorProjects(readModels, scope, [investor]);
    return { ...view(scopeInvestor(investor, visible)), projects: projects.map(projectSummary) };
  }
}

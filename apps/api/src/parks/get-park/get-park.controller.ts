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
import { ParkDetailView } from '../park-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';

@ApiTags('parks')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/parks')
export class GetParkController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One park, with its level history, standard factory area by year and the projects located in it',
  })
  @ApiQueryAnswer(ParkDetailView, 'The park and `projects` (a summary of each)', { asOf: true })
  @QueryErrors({ notFound: "Unknown park, or a park of a city outside the key's scope (the same answer)" })
  async get(
    @Param('id') id: string,
    @Query() query: AsOfQueryDto,
    @CurrentReadScope() scope: ReadScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = await this.asOf.forQuery(query, [READ_MODEL.parks, READ_MODEL.projects], reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, [READ_MODEL.parks, READ_MODEL.projects]);
    const park = await readModels.parks().findOne({ _id: id });
    if (park === null || !scope.sees(park.city)) throw notFound('park', id);
    const city = scope.cityCondition();
    const projects = await readModels
      .projects()
      .find(
        { parkId: id, ...(city === undefined ? {} : { city }) },
        { sort: { name: 1, _id: 1 }, projection: PROJECT_SUMMARY_FIELDS },
      );
    return { ...view(park), projects: projects.map(projectSummary) };
  }
}

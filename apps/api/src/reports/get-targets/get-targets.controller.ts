import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { targetsReport } from './targets.report';
import { targetsFor } from './year-targets';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@Controller('api/v1/statistics')
export class GetTargetsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get('targets')
  @ApiOperation({
    summary:
      "Progress against the year's targets (seed items 2-4, 17), each count with the projects, firms or parks behind it",
  })
  @ApiOkResponse({
    description: 'One section per target: counted, target, met, the rule applied and the list behind the count',
  })
  @QueryErrors()
  async get(@Query() query: YearQueryDto) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.investors, READ_MODEL.parks]);
    const { year } = query;
    // The store narrows; the report applies every rule itself, so it stays right on any superset.
    const [projects, investors, parks] = await Promise.all([
      this.readModels
        .projects()
        .find(
          { $or: [{ targetYear: year, countsTowardTarget: true }, { 'xiangnan.qualifiesAsMajor': true }] },
          { sort: { registeredOn: 1, _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      this.readModels
        .investors()
        .find({ rankings: { $in: ['fortune_global_500', 'china_top_100'] } }, { sort: { name: 1, _id: 1 } }),
      this.readModels.parks().find({}, { sort: { name: 1, _id: 1 } }),
    ]);
    return targetsReport(year, targetsFor(year), { projects, investors, parks });
  }
}

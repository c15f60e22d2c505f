import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { quarterBounds } from '../../shared/queries/calendar';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { QuarterlyBulletinDto } from './quarterly-bulletin.dto';
import { quarterlyBulletinReport } from './quarterly-bulletin.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@Controller('api/v1/reports')
export class QuarterlyBulletinController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get('quarterly-bulletin')
  @ApiOperation({
    summary:
      '一季一通报: projects counted in the quarter and year to date per city (ranked), per source region and per industry',
  })
  @ApiOkResponse({ description: '{ quarter, period, rules, totals, byCity, bySourceRegion, byIndustry, unconverted }' })
  @QueryErrors()
  async get(@Query() query: QuarterlyBulletinDto) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    const { year } = quarterBounds(query.quarter);
    const [projects, rates] = await Promise.all([
      this.readModels
        .projects()
        .find(
          { targetYear: year, countsTowardTarget: true },
          { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      this.readModels.rateTable(),
    ]);
    return quarterlyBulletinReport(query.quarter, projects, rates);
  }
}

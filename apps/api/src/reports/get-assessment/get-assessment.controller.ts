import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { assessmentReport } from './assessment.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@Controller('api/v1/assessment')
export class GetAssessmentController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get()
  @ApiOperation({
    summary: '绩效考核 (item 25): projects and amounts credited to each introducing unit for the year, ranked',
  })
  @ApiOkResponse({
    description:
      '{ year, rules, projectsCounted, units: [{ rank, unit, projectsCredited, amountCreditedCny, projects }], unconverted }',
  })
  @QueryErrors()
  async get(@Query() query: YearQueryDto) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    const [projects, rates] = await Promise.all([
      this.readModels
        .projects()
        .find(
          { targetYear: query.year, countsTowardTarget: true },
          { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
        ),
      this.readModels.rateTable(),
    ]);
    return assessmentReport(query.year, projects, rates);
  }
}

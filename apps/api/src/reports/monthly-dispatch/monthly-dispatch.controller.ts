import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { monthEnd } from '../../shared/queries/calendar';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { MonthlyDispatchDto } from './monthly-dispatch.dto';
import { monthlyDispatchReport } from './monthly-dispatch.report';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@Controller('api/v1/reports')
export class MonthlyDispatchController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get('monthly-dispatch')
  @ApiOperation({ summary: '一月一调度: progress of every major project in the month, open problems, totals by city' })
  @ApiOkResponse({ description: '{ month, definition, projects, byCity, totals, unconverted, unevaluated }' })
  @QueryErrors()
  async get(@Query() query: MonthlyDispatchDto) {
    await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    // Only signed projects can be in a dispatch; the report applies the rest of the definition.
    const [projects, rates] = await Promise.all([
      this.readModels.projects().find({ signedOn: { $ne: null, $lte: monthEnd(query.month) } }, { sort: { _id: 1 } }),
      this.readModels.rateTable(),
    ]);
    return monthlyDispatchReport(query.month, projects, rates);
  }
}

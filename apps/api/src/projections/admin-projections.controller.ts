import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { problem, ProblemException, Roles } from '@itp/platform';
import type { ProjectionStatus } from '@itp/projections/runner';
import { ApiProblems, ApiQueryAnswer, AUTH_PROBLEMS, PATH_PROBLEMS } from '../shared/openapi/api-responses';
import { READ_MODEL } from '../shared/queries/read-models';
import { ProjectionStatusesView, ProjectionStatusView } from './projection-views.dto';
import { ProjectionsHost } from './projections-host.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/admin/projections')
export class AdminProjectionsController {
  private readonly logger = new Logger('Projections');

  constructor(private readonly host: ProjectionsHost) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Every projection: version, collection, checkpoint, head, lag, state and last error' })
  @ApiQueryAnswer(ProjectionStatusesView, '{ runIn, projections }', { readScope: false })
  @ApiProblems({
    ...AUTH_PROBLEMS,
    503: 'The read store cannot be reached (Retry-After)',
  })
  async list(): Promise<{ runIn: 'api' | 'projector'; projections: ProjectionStatus[] }> {
    return { runIn: this.host.runsIn, projections: await this.host.statuses() };
  }

  @Post(':name/rebuild')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a projection beside the live one; readers switch over when it has caught up' })
  @ApiParam({
    name: 'name',
    description: 'The projection',
    schema: { type: 'string', enum: Object.values(READ_MODEL) },
  })
  @ApiExtraModels(ProjectionStatusView)
  @ApiResponse({
    status: 202,
    description: 'The rebuild has started (or was already running): the status, with the rebuild under way',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ProjectionStatusView) } } },
  })
  @ApiProblems({
    400: 'Invalid input (a body or query parameter this route does not take)',
    ...AUTH_PROBLEMS,
    404: 'Unknown projection',
    ...PATH_PROBLEMS,
    409: 'Projections run in the projector process, not in this api',
    503: 'The read store cannot be reached (Retry-After)',
  })
  async rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    if (!this.host.has(name)) {
      throw new ProblemException(
        problem(404, 'unknown-projection', 'Unknown projection', { detail: `There is no projection named "${name}".` }),
      );
    }
    const runner = this.host.runner;
    if (runner === undefined) {
      throw new ProblemException(
        problem(409, 'projections-run-in-projector', 'Projections run in the projector', {
          detail: `This api does not run projections. Stop the projector and run "node dist/apps/projector/apps/projector/src/main.js rebuild ${name}", or deploy a new projection version.`,
        }),
      );
    }
    const { status, completion } = await runner.rebuild(name);
    void completion.then((switched) =>
      this.logger.log(`Rebuild of ${name} ${switched ? 'switched readers over' : 'did not complete'}`),
    );
    return status;
  }
}

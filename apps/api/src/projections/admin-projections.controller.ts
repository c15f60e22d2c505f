import { Controller, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException, Roles } from '@itp/platform';
import type { ProjectionStatus } from '@itp/projections/runner';
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
  async list(): Promise<{ runIn: 'api' | 'projector'; projections: ProjectionStatus[] }> {
    return { runIn: this.host.runsIn, projections: await this.host.statuses() };
  }

  @Post(':name/rebuild')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a projection beside the live one; readers switch over when it has caught up' })
  @ApiAcceptedResponse({
    description: 'The rebuild has started (or was already running): the status, with the rebuild under way',
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

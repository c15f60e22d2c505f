import { Controller, Get, HttpCode, Logger, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { REBUILD_HALTED } from '@itp/event-store/notary';
import { problem, ProblemException, Roles } from '@itp/platform';
import type { ProjectionStatus } from '@itp/projections/runner';
import { ApiProblems, ApiQueryAnswer, AUTH_PROBLEMS, PATH_PROBLEMS } from '../shared/openapi/api-responses';
import { READ_MODEL } from '../shared/queries/read-models';
import { ProjectionStatusesView, ProjectionStatusView } from './projection-views.dto';
import { ProjectionsHost } from './projections-host.service';

export class RebuildQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: answer when the rebuild has ended: 200 with the status once readers were switched over, 500 ' +
      'integrity-violation naming the break (stream and revision, or position) when the log did not verify, 500 ' +
      'rebuild-failed when a fold failed. false or absent: 202 at once, the outcome in the status (lastError).',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  wait?: boolean;
}

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
  @ApiResponse({
    status: 200,
    description: 'With wait=true: the rebuild switched readers over; the status after it',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ProjectionStatusView) } } },
  })
  @ApiProblems({
    400: 'Invalid input (a body or query parameter this route does not take)',
    ...AUTH_PROBLEMS,
    404: 'Unknown projection',
    ...PATH_PROBLEMS,
    409: 'Projections run in the projector process, not in this api',
    500:
      'With wait=true: the rebuild halted because the stored log does not verify (integrity-violation, naming stream ' +
      'and revision, or position; nothing of it was ingested, readers keep their model), or a fold failed (rebuild-failed)',
    503: 'The read store cannot be reached (Retry-After)',
  })
  async rebuild(
    @Param('name') name: string,
    @Query() query: RebuildQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectionStatus> {
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
    if (!query.wait) {
      void completion.then((switched) =>
        this.logger.log(`Rebuild of ${name} ${switched ? 'switched readers over' : 'did not complete'}`),
      );
      return status;
    }
    const switched = await completion;
    const after = (await runner.statuses()).find((candidate) => candidate.name === name) ?? status;
    if (switched) {
      void reply.status(200);
      return after;
    }
    const failure = after.lastError;
    if (failure?.error.startsWith(REBUILD_HALTED)) {
      throw new ProblemException(
        problem(500, 'integrity-violation', 'Stored history is broken', {
          detail: `${failure.error}. Readers keep ${after.physicalCollection ?? after.collection}; restore the history, then rebuild.`,
          projection: name,
          streamId: failure.streamId || undefined,
          position: failure.position,
        }),
      );
    }
    throw new ProblemException(
      problem(500, 'rebuild-failed', 'Rebuild failed', {
        detail: failure
          ? `Projection ${name} failed on ${failure.eventType} at position ${failure.position} (stream ${failure.streamId}): ${failure.error}. Readers keep the model they had.`
          : `The rebuild of ${name} did not complete (it was stopped). Readers keep the model they had.`,
        projection: name,
        ...(failure ? { position: failure.position, streamId: failure.streamId } : {}),
      }),
    );
  }
}

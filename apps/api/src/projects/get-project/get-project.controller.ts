import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@itp/platform';
import { ProjectionFreshness } from '../../projections/projection-freshness.service';
import { AsOfQueryDto } from '../../shared/queries/as-of-query.dto';
import { AsOfReadModels } from '../../shared/queries/as-of-read-models';
import { notFound } from '../../shared/queries/query-answers';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { ProjectView } from '../project-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { READ_MODEL, ReadModels } from '../../shared/queries/read-models';
import { CurrentReadScope, ReadScoped, type ReadScope } from '../../shared/queries/read-scope';
import { projectItem } from '../list-projects/project-item';

/** True when If-None-Match names the current entity tag (or is "*"); weak tags compare by value (RFC 9110 §13.1.2). */
export const matchesIfNoneMatch = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
};

@ApiTags('projects')
@ApiBearerAuth()
@Roles('reporter', 'auditor', 'admin')
@ReadScoped()
@Controller('api/v1/projects')
export class GetProjectController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly asOf: AsOfReadModels,
    private readonly freshness: ProjectionFreshness,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One project of the library, with its registration, progress series and problems' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag last seen ("<revision>"): 304 when the project has not changed since',
  })
  @ApiQueryAnswer(ProjectView, 'The project, with ETag: "<revision>" (the same revision commands take as If-Match)', {
    asOf: true,
    headers: { ETag: { required: true, schema: { type: 'string', pattern: '^"[0-9]+"$' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag given' })
  @QueryErrors({ notFound: "Unknown project, or a project of a city outside the key's scope (the same answer)" })
  // The reply is sent here, not by Nest: Nest would overwrite a 304 with the route's 200.
  async get(
    @Param('id') id: string,
    @Query() query: AsOfQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentReadScope() scope: ReadScope,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asOf = await this.asOf.forQuery(query, [READ_MODEL.projects, READ_MODEL.rates], reply);
    const readModels = asOf?.readModels ?? this.readModels;
    if (asOf === null) await this.freshness.ensure(query.minPosition, [READ_MODEL.projects, READ_MODEL.rates]);
    const project = await readModels.projects().findOne({ _id: id });
    // Another city's project is answered as an unknown one: a scoped key learns nothing of it, not even that it exists.
    if (project === null || !scope.sees(project.city)) throw notFound('project', id);
    const etag = `"${project.revision}"`;
    void reply.header('ETag', etag);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).send(projectItem(project, await readModels.rateTable()));
  }
}

import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, verifyChain, type EventStore } from '@itp/event-store';
import { evolveProject, initialProjectState, PROJECT_EVENTS, projectStreamId } from '@itp/domain';
import { Roles } from '@itp/platform';
import { auditEvent } from '../../shared/queries/audit-event';
import { notFound } from '../../shared/queries/query-answers';
import { CurrentReadScope, type ReadScope } from '../../shared/queries/read-scope';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { ProjectHistoryView } from '../project-views.dto';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { GetProjectHistoryDto } from './get-project-history.dto';

/**
 * The project's audit trail, read from the event store itself (the source of truth), not from a projection:
 * it is always complete and current (minPosition is accepted and always already met), and its hash chain can be verified on the spot.
 * Auditors and admins only: it names who did what, which reporting services do not need.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/v1/projects')
export class GetProjectHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the project, with who recorded it and the verification of its hash chain' })
  @ApiQueryAnswer(
    ProjectHistoryView,
    '{ projectId, streamId, asOf, events, chain }: chain is verified over the events shown, from revision 0',
    { readScope: false },
  )
  @QueryErrors({ notFound: 'Unknown project' })
  async history(@Param('id') id: string, @Query() query: GetProjectHistoryDto, @CurrentReadScope() scope: ReadScope) {
    const streamId = projectStreamId(id);
    const stream = await this.eventStore.readStream(streamId);
    if (stream.length === 0) throw notFound('project', id);
    // A key scoped to cities reads the history of its cities' projects only (ADR 0009): another city's is unknown.
    const project = stream.reduce(
      (state, event) => evolveProject(state, PROJECT_EVENTS.decode(event)),
      initialProjectState(),
    );
    if (project.status !== 'absent' && !scope.sees(project.details.city)) throw notFound('project', id);
    const asOf = query.asOf === undefined ? null : new Date(query.asOf).toISOString();
    // "As of" is a prefix of the stream (from revision 0), so its chain verifies on its own.
    const cut = asOf === null ? -1 : stream.findIndex((e) => e.recordedAt > asOf);
    const events = cut === -1 ? stream : stream.slice(0, cut);
    return { projectId: id, streamId, asOf, events: events.map(auditEvent), chain: verifyChain(events) };
  }
}

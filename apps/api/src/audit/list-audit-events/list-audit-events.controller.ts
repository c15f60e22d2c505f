import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { problem, ProblemException, Roles } from '@itp/platform';
import { CurrentReadScope, type ReadScope } from '../../shared/queries/read-scope';
import { auditEvent } from '../../shared/queries/audit-event';
import { QueryErrors } from '../../shared/queries/query-docs.decorators';
import { ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { AuditEventPageView } from '../../shared/openapi/views.dto';
import { ListAuditEventsDto } from './list-audit-events.dto';
import { scanAuditLog, streamEventsAfter } from './scan-audit-log';

/** Events read per request at most; a request that reaches it answers with a cursor to continue from. */
export const AUDIT_SCAN_LIMIT = 20_000;

const instant = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

/** The global audit log, from the event store itself (see GET /projects/{id}/history for why). */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/v1/audit')
export class ListAuditEventsController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get('events')
  @ApiOperation({ summary: 'The global event log, filtered, in position order, with a cursor' })
  @ApiQueryAnswer(
    AuditEventPageView,
    `{ items, nextCursor, scanned }: at most \`limit\` items; at most ${AUDIT_SCAN_LIMIT} events are read per request (with streamId: of that stream's events after \`after\`, read by the stream's own index), so fewer items with a non-null nextCursor means "continue with after=nextCursor"`,
    { readScope: false },
  )
  @QueryErrors()
  async list(@Query() query: ListAuditEventsDto, @CurrentReadScope() scope: ReadScope) {
    // The global log mixes every city's streams (and province-wide ones): it is for province-wide keys (ADR 0009).
    if (!scope.provinceWide) {
      throw new ProblemException(
        problem(403, 'forbidden-city', "City outside the key's scope", {
          detail: 'The global audit log covers every city: it needs a key scoped to all cities ("*").',
        }),
      );
    }
    const { after = 0, limit = 100, to, actor, unit, streamId, type } = query;
    const upTo = instant(to);
    // One stream's events are read from the stream itself; the scan then bounds them as it bounds the log's.
    const events =
      streamId === undefined
        ? this.eventStore.readAll({ fromPosition: after, toRecordedAt: upTo, maxCount: AUDIT_SCAN_LIMIT })
        : streamEventsAfter(this.eventStore, streamId, after, upTo, AUDIT_SCAN_LIMIT);
    const scan = await scanAuditLog(
      events,
      { from: instant(query.from), actor, unit, streamId, type },
      limit,
      AUDIT_SCAN_LIMIT,
    );
    return { items: scan.items.map(auditEvent), nextCursor: scan.nextCursor, scanned: scan.scanned };
  }
}

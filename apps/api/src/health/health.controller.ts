import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { Public, type Principal, type Role } from '@itp/platform';
import { READ_STORE, type ReadStore } from '@itp/read-store';
import { NotaryHost } from '../audit/notary/notary-host.service';
import { ProjectionsHost } from '../projections/projections-host.service';
import { HealthDetailView, HealthSummaryView } from './health-views.dto';

const unreachable = (error: unknown) => ({
  backend: 'unknown',
  reachable: false,
  detail: error instanceof Error ? error.message : String(error),
});

/** Who sees the backends' details (file paths, server addresses, errors): operators and auditors. */
const DETAIL_ROLES: readonly Role[] = ['admin', 'auditor'];

/**
 * Liveness and readiness in one: 200 when every backend answers and no projection is stopped, 503 naming what
 * is wrong. A projection catching up or rebuilding is healthy: its lag shows how far it has to go.
 * Anyone sees the status, each projection's lag and the integrity of stored history (the last verification:
 * 'verified', 'violated', 'starting' or 'disabled'; a violation does not make the api unavailable, it is for
 * operators and auditors to act on); an admin or auditor key (optional here) also sees the backends' details,
 * checkpoints, errors and the last verification's report, which name files, servers and events.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionsHost,
    private readonly notary: NotaryHost,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      "Status, integrity and each projection's lag (no authentication); with an admin or auditor key also the backends, checkpoints, heads, states, errors and the last verification",
  })
  @ApiExtraModels(HealthSummaryView, HealthDetailView)
  @ApiResponse({
    status: 200,
    description:
      "status 'ok'. The same body answers with 503 and status 'unavailable' when a backend cannot be reached or a projection is stopped (named in `stopped`). Without a key (or with another role): HealthSummary; with an admin or auditor key: HealthDetail",
    content: {
      'application/json': {
        schema: { oneOf: [{ $ref: getSchemaPath(HealthSummaryView) }, { $ref: getSchemaPath(HealthDetailView) }] },
      },
    },
  })
  @ApiResponse({
    status: 503,
    description:
      "The same body as the 200, with status 'unavailable': a backend cannot be reached (its `reachable` false, with the error, for admins and auditors) or a projection is stopped (named in `stopped`). Not a problem document: a load balancer or operator reads the same shape either way",
    content: {
      'application/json': {
        schema: { oneOf: [{ $ref: getSchemaPath(HealthSummaryView) }, { $ref: getSchemaPath(HealthDetailView) }] },
      },
    },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply, @Req() request: { principal?: Principal } = {}) {
    const [eventStore, readStore] = await Promise.all([
      this.eventStore.health().catch(unreachable),
      this.readStore.health().catch(unreachable),
    ]);
    const backends = { eventStore, readStore };
    const statuses = await this.projections.statuses().catch(() => undefined);
    const projections = (statuses ?? []).map(({ name, checkpoint, head, lag, state, lastError }) => ({
      name,
      checkpoint,
      head,
      lag,
      state,
      lastError,
    }));
    const stopped = projections
      .filter((projection) => projection.state === 'stopped')
      .map((projection) => projection.name);
    const ok =
      Object.values(backends).every((backend) => backend.reachable) && statuses !== undefined && stopped.length === 0;
    void reply.status(ok ? 200 : 503);
    const status = ok ? 'ok' : 'unavailable';
    const problems = stopped.length > 0 ? { stopped } : {};
    const integrity = this.notary.integrity();
    if (!request.principal || !DETAIL_ROLES.includes(request.principal.role)) {
      return {
        status,
        integrity: integrity.state,
        projections: projections.map(({ name, lag }) => ({ name, lag })),
        ...problems,
      };
    }
    return { status, integrity, backends, projectionsRunIn: this.projections.runsIn, projections, ...problems };
  }
}

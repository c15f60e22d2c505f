import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { Public } from '@itp/platform';

/** Liveness and readiness in one: 200 when every backend answers, 503 naming the one that does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Backends in use and whether each is reachable (no authentication)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const eventStore = await this.eventStore.health().catch((error: Error) => ({ backend: 'unknown', reachable: false, detail: error.message }));
    const backends = { eventStore };
    const ok = Object.values(backends).every((backend) => backend.reachable);
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', backends };
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@itp/platform';
import { ApiProblems, AUTH_PROBLEMS } from '../shared/openapi/api-responses';
import { ProjectionMetrics } from './projection-metrics.service';

@ApiTags('operations')
@ApiBearerAuth()
@Roles('admin', 'reporter', 'auditor')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ProjectionMetrics) {}

  @Get()
  @ApiResponse({
    status: 200,
    description: 'The Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblems(AUTH_PROBLEMS)
  @ApiOperation({ summary: 'Prometheus metrics: per projection checkpoint, head and lag, plus process metrics' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    void reply.header('Content-Type', contentType);
    return body;
  }
}

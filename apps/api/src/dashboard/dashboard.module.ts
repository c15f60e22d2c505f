import fastifyStatic from '@fastify/static';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DASHBOARD_HEADERS, findDashboardAssets } from './dashboard-assets';

/**
 * Serves the officials' dashboard (apps/dashboard, built by `npm run build`) at `/`. Only the files that exist
 * at start get a route (no wildcard), so `/api/*`, `/health` and `/metrics` are never caught and an unknown
 * path still answers the api's own 404. The routes are plain Fastify routes: the API-key guard does not see
 * them, as for /api/docs; every data call the page makes carries the key.
 */
@Module({})
export class DashboardModule implements OnModuleInit {
  private readonly logger = new Logger('Dashboard');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const root = findDashboardAssets();
    if (root === null) {
      this.logger.warn('dashboard not built (no dist/dashboard/index.html): run `npm run build`; `/` answers 503');
      fastify.get('/', async (_request, reply) =>
        reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build`.\n'),
      );
      return;
    }
    // On Fastify itself: Nest's typing of setHeaders predates @fastify/static 10 (which passes the reply).
    void fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      decorateReply: false,
      index: ['index.html'],
      // The bundle's file names do not change between builds: the browser revalidates every time.
      cacheControl: true,
      maxAge: 0,
      setHeaders: (reply) => void reply.headers(DASHBOARD_HEADERS),
    });
  }
}

import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ITP_CONFIG, type ItpConfig } from '@itp/platform';
import { ALL_PROJECTIONS, PROJECTIONS } from '@itp/projections';
import { openReadStore } from '@itp/projections/backends/open-stores';
import { READ_STORE, type ReadStore } from '@itp/read-store';
import { AdminProjectionsController } from './admin-projections.controller';
import { MetricsController } from './metrics.controller';
import { ProjectionFreshness } from './projection-freshness.service';
import { ProjectionMetrics } from './projection-metrics.service';
import { ProjectionsHost } from './projections-host.service';

/**
 * The read side's plumbing: the read store, the projection runner (when projections run in the api),
 * read-your-writes for queries, and the operator's view (admin endpoints, /metrics; /health reads it too).
 */
@Global()
@Module({
  providers: [
    { provide: READ_STORE, inject: [ITP_CONFIG], useFactory: (config: ItpConfig): ReadStore => openReadStore(config) },
    { provide: PROJECTIONS, useValue: ALL_PROJECTIONS },
    ProjectionsHost,
    ProjectionFreshness,
    ProjectionMetrics,
  ],
  controllers: [AdminProjectionsController, MetricsController],
  exports: [READ_STORE, PROJECTIONS, ProjectionsHost, ProjectionFreshness],
})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  /** After every module was destroyed, so the runner (stopped in ProjectionsHost.onModuleDestroy) is done. */
  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}

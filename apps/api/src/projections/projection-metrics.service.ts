import { Inject, Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { CITY_CODES } from '@itp/domain';
import type { ProjectionState } from '@itp/projections/runner';
import { CLOCK, shanghaiToday, type Clock } from '../shared/http/clock';
import { StaleProjects } from '../shared/queries/stale-projects';
import { ProjectionsHost } from './projections-host.service';

const STATES: readonly ProjectionState[] = ['catching-up', 'live', 'stopped', 'rebuilding'];

/**
 * Prometheus metrics of this process: one registry per application (not prom-client's global one), so several
 * apps in one process, as in the e2e tests, never register a metric twice. Gauges are refreshed at each scrape
 * from the projection statuses, so a scrape shows the state of that moment.
 */
@Injectable()
export class ProjectionMetrics {
  readonly registry = new Registry();
  private readonly checkpoint = this.gauge(
    'itp_projection_checkpoint_position',
    'Global position of the last event the projection has committed',
  );
  private readonly head = this.gauge('itp_projection_head_position', 'Global position of the last event in the log');
  private readonly lag = this.gauge(
    'itp_projection_lag',
    'Positions between the head of the log and the checkpoint (events on SQLite, log bytes on EventStoreDB)',
  );
  private readonly state = new Gauge({
    name: 'itp_projection_state',
    help: 'One for the state the projection is in, zero for the others',
    labelNames: ['projection', 'state'],
    registers: [this.registry],
  });

  private readonly stale = new Gauge({
    name: 'itp_stale_projects',
    help: 'Projects followed monthly with a progress report not recorded by its due day, as of today (Asia/Shanghai), by city',
    labelNames: ['city'],
    registers: [this.registry],
  });
  private readonly logger = new Logger(ProjectionMetrics.name);

  constructor(
    private readonly host: ProjectionsHost,
    private readonly staleProjects: StaleProjects,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'itp_' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const statuses = await this.host.statuses();
    for (const gauge of [this.checkpoint, this.head, this.lag, this.state]) gauge.reset();
    for (const status of statuses) {
      const projection = status.name;
      this.checkpoint.set({ projection }, status.checkpoint);
      this.head.set({ projection }, status.head);
      this.lag.set({ projection }, status.lag);
      for (const state of STATES) this.state.set({ projection, state }, state === status.state ? 1 : 0);
    }
    await this.countStale();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Every city gets a sample (0 included); when the read store cannot answer, the gauge is left out of the scrape. */
  private async countStale(): Promise<void> {
    this.stale.reset();
    try {
      // Suspended and abandoned projects are never stale on the reference date: read the active ones only.
      const stale = await this.staleProjects.find(shanghaiToday(this.clock()), { status: 'active' });
      for (const city of CITY_CODES) this.stale.set({ city }, stale.filter((p) => p.city === city).length);
    } catch (error) {
      this.logger.warn(`itp_stale_projects not computed: ${(error as Error).message}`);
    }
  }

  private gauge(name: string, help: string): Gauge<'projection'> {
    return new Gauge({ name, help, labelNames: ['projection'], registers: [this.registry] });
  }
}

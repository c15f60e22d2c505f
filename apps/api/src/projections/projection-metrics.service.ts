import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ProjectionState } from '@itp/projections/runner';
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

  constructor(private readonly host: ProjectionsHost) {
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
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private gauge(name: string, help: string): Gauge<'projection'> {
    return new Gauge({ name, help, labelNames: ['projection'], registers: [this.registry] });
  }
}

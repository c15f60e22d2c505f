import type { ItpConfig } from '@itp/platform';

/** Filled by the projections work: until then the worker only says what it would connect to. */
export async function runProjector(config: ItpConfig): Promise<void> {
  console.log(`ITP projector: event store ${config.eventStore.backend}, read store ${config.readStore.backend}; no projections registered yet`);
}

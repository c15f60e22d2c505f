import type { ItpConfig } from '@itp/platform';
import { ALL_PROJECTIONS } from '@itp/projections';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import { ProjectionRunner } from '@itp/projections/runner';
import { projectorLogger } from './projector-logger';

/**
 * `projector rebuild <name>`: rebuilds one projection beside its live collection, switches readers over, exits.
 * Readers keep the old model meanwhile. Run it while the projector worker is STOPPED: a worker running at the
 * same time would keep writing the old collection after the switch (the api's admin endpoint is the online way
 * when projections run in the api). Answers true when readers were switched over.
 */
export async function rebuildCommand(config: ItpConfig, name: string): Promise<boolean> {
  const logger = projectorLogger(config);
  const projection = ALL_PROJECTIONS.find((candidate) => candidate.name === name);
  if (projection === undefined) {
    logger.error(
      `Unknown projection "${name}"; known: ${ALL_PROJECTIONS.map((candidate) => candidate.name).join(', ')}`,
    );
    return false;
  }
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const runner = new ProjectionRunner({ eventStore, readStore, projections: [projection], logger });
  try {
    await runner.start();
    const { completion } = await runner.rebuild(name);
    const switched = await completion;
    const [status] = await runner.statuses();
    logger.raw.info({ status }, switched ? `Rebuilt ${name}` : `Rebuild of ${name} failed`);
    return switched;
  } finally {
    await runner.stop();
    await eventStore.close();
    await readStore.close();
  }
}

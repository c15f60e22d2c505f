import type { ItpConfig } from '@itp/platform';
import { acquireWriterLock, storesWrittenBy } from '@itp/platform/data-dir/writer-lock';
import { ALL_PROJECTIONS } from '@itp/projections';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import { rebuildCheckpointKey } from '@itp/projections/rebuild/collection-names';
import { RebuildNotary } from '@itp/event-store/notary';
import { ProjectionRunner, type ProjectionStatus } from '@itp/projections/runner';
import { MongoReadStore } from '@itp/read-store';
import { fencedIdsOf, MongoLease, type LeaseTerm } from '@itp/read-store/mongodb/mongodb-lease';
import { leaseTimingsFromEnv } from './lease-config';
import { projectorLogger } from './projector-logger';

/**
 * `projector rebuild <name>`: rebuilds one projection beside its live collection, switches readers over, exits.
 * Readers keep the old model meanwhile. Run it while the projector worker is STOPPED: a worker running at the
 * same time would keep writing the old collection after the switch (the api's admin endpoint is the online way
 * when projections run in the api). It is refused while another process writes the read models: the data
 * directory's writer lock (embedded) or the projector lease (MongoDB), which it holds, fenced, while it runs.
 * Answers true when readers were switched over.
 */
export async function rebuildCommand(config: ItpConfig, name: string): Promise<boolean> {
  return (await rebuildProjection(config, name)).switched;
}

/**
 * The rebuild, with the projection's status at its end (its lastError names a break of the stored history when
 * the rebuild halted on one: it verifies the log as it reads it, against the notary's links when `notary.sqlite`
 * is in the data directory, and ingests nothing of a batch that does not hold).
 */
export async function rebuildProjection(
  config: ItpConfig,
  name: string,
): Promise<{ switched: boolean; status?: ProjectionStatus }> {
  const logger = projectorLogger(config);
  const projection = ALL_PROJECTIONS.find((candidate) => candidate.name === name);
  if (projection === undefined) {
    logger.error(
      `Unknown projection "${name}"; known: ${ALL_PROJECTIONS.map((candidate) => candidate.name).join(', ')}`,
    );
    return { switched: false };
  }
  const timings = config.readStore.backend === 'mongodb' ? leaseTimingsFromEnv() : undefined;
  const writerLock = acquireWriterLock(config.dataDir, storesWrittenBy(config, 'projector'), { app: 'itp rebuild' });
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  let lease: MongoLease | undefined;
  let term: LeaseTerm | undefined;
  const rebuildNotary = new RebuildNotary(config.notary.enabled ? config.notary.filePath : undefined);
  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections: [projection],
    logger,
    verifyRebuilds: rebuildNotary,
  });
  try {
    if (config.readStore.backend === 'mongodb' && readStore instanceof MongoReadStore && timings !== undefined) {
      lease = new MongoLease({ uri: config.readStore.uri, dbName: config.readStore.database, ...timings });
      const attempt = await lease.tryAcquire(fencedIdsOf(ALL_PROJECTIONS, rebuildCheckpointKey));
      if (!attempt.acquired) {
        const { current } = attempt;
        logger.error(
          `The projector lease is held by ${String(current?.holder)} (token ${String(current?.token)}) until ${current?.expiresAt.toISOString()}: stop the projector worker first, or rebuild online`,
        );
        return { switched: false };
      }
      term = attempt.term;
      readStore.fenceWith(term);
    }
    await runner.start();
    const { completion } = await runner.rebuild(name);
    const switched = await completion;
    const [status] = await runner.statuses();
    logger.raw.info({ status }, switched ? `Rebuilt ${name}` : `Rebuild of ${name} failed`);
    return { switched, status };
  } finally {
    await runner.stop();
    await rebuildNotary.close();
    if (term !== undefined) await lease?.release(term);
    await lease?.close();
    await eventStore.close();
    await readStore.close();
    writerLock.release();
  }
}

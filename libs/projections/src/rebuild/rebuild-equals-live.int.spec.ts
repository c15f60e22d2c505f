import { DOMAIN_EVENTS } from '@itp/domain';
import fc from 'fast-check';
import { v4 as uuid } from 'uuid';
import { SqliteEventStore, type EventStore } from '@itp/event-store';
import { EmbeddedReadStore, type ReadStore } from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import { ProjectionRunner } from '../runner/projection-runner';
import { simulateProvince, type SimulatedAppend } from '../simulation/province-simulator';

const metadata = {
  actor: 'spec',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};
const names = ALL_PROJECTIONS.map((projection) => projection.name);

const append = (store: EventStore, { streamId, events }: SimulatedAppend) =>
  store.appendToStream(
    streamId,
    events.map(({ type, data }) => ({
      id: uuid(),
      type,
      data,
      metadata: { ...metadata, schemaVersion: DOMAIN_EVENTS.schemaVersion(type) },
    })),
    { expectedRevision: 'any' },
  );

/** Every read model, as readers see it (through the aliases), with the positions the store recorded. */
const snapshot = async (store: ReadStore) =>
  Object.fromEntries(
    await Promise.all(
      ALL_PROJECTIONS.map(
        async (projection) =>
          [projection.name, await store.collection(projection.collection).find({}, { sort: { _id: 1 } })] as const,
      ),
    ),
  );

const history = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  projects: fc.integer({ min: 1, max: 10 }),
  months: fc.integer({ min: 2, max: 30 }),
  /** Appends per chunk while the runner is live. */
  chunks: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
  /** Per chunk: wait for the projections before the next one, or pour it in while they work. */
  waits: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
  /** One batch size per runner life: the runner is restarted (from its checkpoints) with the next one. */
  batchSizes: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }),
  /** How much a catching-up projection folds in memory before it commits. */
  catchUpCommit: fc.record({ events: fc.integer({ min: 1, max: 300 }), documents: fc.integer({ min: 1, max: 40 }) }),
});

describe('a rebuild from scratch', () => {
  it('gives the same documents as live, incremental processing, for any history and any batching', async () => {
    expect(ALL_PROJECTIONS.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(history, async ({ seed, projects, months, chunks, waits, batchSizes, catchUpCommit }) => {
        const appends = [...simulateProvince({ projects, seed, months })];
        const eventStore = new SqliteEventStore({ filePath: ':memory:', pollIntervalMs: 5 });
        const readStore = new EmbeddedReadStore({ filePath: ':memory:' });
        const runners: ProjectionRunner[] = [];
        const startRunner = async (batchSize: number) => {
          const runner = new ProjectionRunner({
            eventStore,
            readStore,
            projections: ALL_PROJECTIONS,
            batchSize,
            catchUpCommit,
            idleBackoffMs: 5,
          });
          runners.push(runner);
          await runner.start();
          return runner;
        };
        try {
          let runner = await startRunner(batchSizes[0]);
          let next = 0;
          for (const [index, size] of chunks.entries()) {
            for (const item of appends.slice(next, next + size)) await append(eventStore, item);
            next += size;
            if (waits[index % waits.length]) await runner.waitFor(await eventStore.headPosition(), names, 10_000);
            const life = Math.floor(((index + 1) * batchSizes.length) / chunks.length);
            if (life < batchSizes.length && life !== runners.length - 1) {
              await runner.stop();
              runner = await startRunner(batchSizes[life]);
            }
          }
          for (const item of appends.slice(next)) await append(eventStore, item);
          expect(await runner.waitFor(await eventStore.headPosition(), names, 10_000)).toBe(true);
          const live = await snapshot(readStore);

          for (const name of names) expect(await (await runner.rebuild(name)).completion).toBe(true);
          expect(await snapshot(readStore)).toEqual(live);
          for (const status of await runner.statuses())
            expect(status).toMatchObject({ state: 'live', lastError: null });
        } finally {
          for (const runner of runners) await runner.stop();
          await eventStore.close();
          await readStore.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

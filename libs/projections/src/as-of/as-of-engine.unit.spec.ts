import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FLAT_RATE_EVENTS,
  businessRegistered,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import { ALL_PROJECTIONS } from '../all-projections';
import { projectLibraryProjection } from '../project-library/project-library.projection';
import type { ProjectLibraryDocument } from '../project-library/project-library.document';
import { arrayEventLog } from '../testing/array-event-log';
import { fold } from '../testing/fold';
import { eventLog } from '../testing/recorded-events';
import * as heapPressure from '@itp/read-store/embedded/heap-pressure';
import { relieveHeapPressure } from '@itp/read-store/embedded/heap-pressure';
import { AsOfEngine, AsOfEngineClosedError, type AsOfBound } from './as-of-engine';

/** 2014 as recorded: a rate, then three projects registered and counted on three days; on 1 July a correction renames p-2. */
const log = eventLog();
log.record('exchange-rates-USD-CNY', FLAT_RATE_EVENTS, '2014-01-02T01:00:00.000Z');
const p1 = projectRegistered({ projectId: 'p-1' });
const p2 = projectRegistered({ projectId: 'p-2', name: 'Second' });
const p3 = projectRegistered({ projectId: 'p-3', name: 'Third' });
log.record('project-p-1', [p1], '2014-02-01T01:00:00.000Z'); // 2
log.record('project-p-1', [businessRegistered(p1, '2014-03-01')], '2014-03-01T01:00:00.000Z'); // 3
log.record('project-p-2', [p2], '2014-03-05T01:00:00.000Z'); // 4
log.record('project-p-2', [businessRegistered(p2, '2014-04-01')], '2014-04-01T01:00:00.000Z'); // 5
log.record('project-p-3', [p3], '2014-05-01T01:00:00.000Z'); // 6
log.record('project-p-3', [businessRegistered(p3, '2014-06-01')], '2014-06-01T01:00:00.000Z'); // 7
log.record(
  'project-p-2',
  [projectEvents('p-2').amended({ name: 'Second (corrected)' }, { name: 'Second' })],
  '2014-07-01T01:00:00.000Z',
); // 8
log.record(
  'project-p-1',
  [projectEvents('p-1').contractSigned('2014-07-10'), projectEvents('p-1').progressReported('2014-07', '1000.00')],
  '2014-08-10T01:00:00.000Z',
); // 9, 10

const counted = async (engine: AsOfEngine, bound: AsOfBound) => {
  const view = await engine.at(bound);
  const projects = await view.store
    .collection<ProjectLibraryDocument>(projectLibraryProjection.collection)
    .find({ targetYear: 2014, countsTowardTarget: true }, { sort: { _id: 1 }, projection: { _id: 1, name: 1 } });
  return { position: view.position, recordedAt: view.recordedAt, projects: projects.map((p) => `${p._id}:${p.name}`) };
};

describe('AsOfEngine', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'itp-as-of-'));
    dirs.push(dir);
    return dir;
  };

  it('answers as of an instant with the last event recorded at or before it, never a business date', async () => {
    const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    expect(await counted(engine, { instant: '2014-01-01T00:00:00Z' })).toEqual({
      position: 0,
      recordedAt: null,
      projects: [],
    });
    expect(await counted(engine, { instant: '2014-03-01T01:00:00Z' })).toEqual({
      position: 3,
      recordedAt: '2014-03-01T01:00:00.000Z',
      projects: ['p-1:Lens Technology new materials'],
    });
    // An offset is an instant like any other: 09:00 in Hunan is 01:00 UTC.
    expect(await counted(engine, { instant: '2014-04-01T08:59:59+08:00' })).toMatchObject({ position: 4 });
    expect(await counted(engine, { instant: '2014-06-30T23:59:59+08:00' })).toMatchObject({
      position: 7,
      projects: ['p-1:Lens Technology new materials', 'p-2:Second', 'p-3:Third'],
    });
    engine.close();
  });

  it('a correction recorded later does not change the earlier answer', async () => {
    const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const now = await counted(engine, { instant: '2015-01-01T00:00:00Z' });
    expect(now.projects).toContain('p-2:Second (corrected)');
    expect((await counted(engine, { instant: '2014-06-30T00:00:00Z' })).projects).toContain('p-2:Second');
    expect((await counted(engine, { position: 7 })).projects).toContain('p-2:Second');
    engine.close();
  });

  it('at the head, every read model is what the runner folds (the same evolve, the same documents)', async () => {
    const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const view = await engine.at({ position: 10 });
    for (const projection of ALL_PROJECTIONS) {
      const live = await fold(projection, log.events);
      expect(await view.store.collection(projection.collection).find({}, { sort: { _id: 1 } })).toEqual(live);
    }
    engine.close();
  });

  it('answers the same from snapshots on disk as from the log, and rebuilds them when deleted', async () => {
    const dir = tempDir();
    const plain = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const first = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 2 });
    await first.warm();
    expect(first.snapshotUsage().snapshots).toBe(5 * 5); // of each of the 5 projections after events 2, 4, 6, 8, 10
    first.close();
    const events = arrayEventLog(log.events);
    const second = new AsOfEngine({ eventStore: events, snapshotDir: dir, snapshotEvery: 2, cachedDocuments: 1 });
    for (const bound of [
      { position: 5 },
      { position: 3 },
      { position: 8 },
      { instant: '2014-05-15T00:00:00Z' },
      { instant: '2014-02-01T01:00:00Z' },
    ] as AsOfBound[]) {
      expect(await counted(second, bound)).toEqual(await counted(plain, bound));
    }
    second.close();
    rmSync(join(dir, 'snapshots.sqlite'));
    rmSync(join(dir, 'snapshots.sqlite-wal'), { force: true });
    rmSync(join(dir, 'snapshots.sqlite-shm'), { force: true });
    const third = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 2 });
    expect(third.snapshotUsage().snapshots).toBe(0);
    expect(await counted(third, { position: 7 })).toEqual(await counted(plain, { position: 7 }));
    expect(third.snapshotUsage().snapshots).toBe(3 * 5);
    third.close();
    plain.close();
  });

  it("reads a snapshot's documents back whole: series (progress) read when first touched, by a fold or a query", async () => {
    const dir = tempDir();
    const first = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 3 });
    await first.warm();
    first.close();
    for (const position of [9, 10]) {
      // A fresh engine each time: the state comes from the snapshot at 9 (3 x 3 events), then folds on.
      const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 3 });
      const view = await engine.at({ position });
      for (const projection of ALL_PROJECTIONS) {
        const live = await fold(projection, log.events.slice(0, position));
        const read = await view.store.collection(projection.collection).find({}, { sort: { _id: 1 } });
        expect(JSON.parse(JSON.stringify(read))).toEqual(live);
      }
      const [p1] = await view.store.collection<ProjectLibraryDocument>('project_library').find({ _id: 'p-1' });
      expect(p1.progress.map((entry) => entry.month)).toEqual(position === 10 ? ['2014-07'] : []);
      engine.close();
    }
  });

  it('drops snapshots that another log made (the event at their position is not the same)', async () => {
    const dir = tempDir();
    const first = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 2 });
    await first.warm();
    first.close();
    const other = log.events.map((event) => ({ ...event, id: `other-${event.position}` }));
    const second = new AsOfEngine({ eventStore: arrayEventLog(other), snapshotDir: dir, snapshotEvery: 2 });
    const view = await second.at({ position: 10 });
    expect(view.position).toBe(10);
    expect(second.snapshotUsage().snapshots).toBe(5 * 5); // folded again from the log, snapshots written anew
    second.close();
  });

  it('read-only beside the writer: answers from its snapshots, never writes, evicts or clears one', async () => {
    const dir = tempDir();
    const plain = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const writer = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir, snapshotEvery: 4 });
    expect(await counted(writer, { position: 4 })).toEqual(await counted(plain, { position: 4 }));
    expect(writer.snapshotUsage().snapshots).toBe(1 * 5);
    const reader = () =>
      new AsOfEngine({
        eventStore: arrayEventLog(log.events),
        snapshotDir: dir,
        snapshotEvery: 2,
        snapshotsReadOnly: true,
      });
    const first = reader();
    // Folding past positions 6, 8 and 10 would write three snapshots of each projection; a reader writes none.
    expect(await counted(first, { position: 10 })).toEqual(await counted(plain, { position: 10 }));
    first.close();
    expect(writer.snapshotUsage().snapshots).toBe(1 * 5);
    // Another log: the reader ignores the writer's snapshots instead of clearing them.
    const other = log.events.map((event) => ({ ...event, id: `other-${event.position}` }));
    const stranger = new AsOfEngine({
      eventStore: arrayEventLog(other),
      snapshotDir: dir,
      snapshotsReadOnly: true,
    });
    expect((await stranger.at({ position: 10 })).position).toBe(10);
    stranger.close();
    writer.close();
    const reopened = new AsOfEngine({ eventStore: arrayEventLog(log.events), snapshotDir: dir });
    expect(reopened.snapshotUsage().snapshots).toBe(1 * 5);
    reopened.close();
    plain.close();
  });

  it('keeps its disk budget: the least recently used snapshots go', async () => {
    const dir = tempDir();
    const engine = new AsOfEngine({
      eventStore: arrayEventLog(log.events),
      snapshotDir: dir,
      snapshotEvery: 1,
      snapshotBudgetBytes: 1500,
    });
    await engine.warm();
    const usage = engine.snapshotUsage();
    expect(usage.bytes).toBeLessThanOrEqual(1500);
    expect(usage.snapshots).toBeGreaterThan(0);
    expect(usage.snapshots).toBeLessThan(10 * 5);
    engine.close();
  });

  it('shares frozen documents: a caller that mutates what it read throws instead of changing the past', async () => {
    const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const view = await engine.at({ position: 3 });
    const [p] = await view.store.collection<ProjectLibraryDocument>('project_library').find({ _id: 'p-1' });
    expect(() => {
      (p as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    await expect(view.store.applyBatch({ writes: [] })).rejects.toThrow(/read-only/);
    engine.close();
  });

  it('a fold under way ends when the engine closes (a warm-up at shutdown)', async () => {
    const engine = new AsOfEngine({ eventStore: arrayEventLog(log.events) });
    const pending = engine.warm();
    engine.close();
    await expect(pending).rejects.toThrow(AsOfEngineClosedError);
  });

  it('keeps folded states in memory within a bound in bytes of their documents', async () => {
    const roomy = arrayEventLog(log.events);
    const kept = new AsOfEngine({ eventStore: roomy, cachedBytes: 1024 * 1024 });
    await kept.at({ position: 6 });
    const before = roomy.reads;
    await kept.at({ position: 6 });
    expect(roomy.reads).toBe(before); // the state at 6 was kept: nothing read again
    kept.close();
    const tight = arrayEventLog(log.events);
    const none = new AsOfEngine({ eventStore: tight, cachedBytes: 64 });
    await none.at({ position: 6 });
    const after = tight.reads;
    expect(await counted(none, { position: 6 })).toEqual(
      await counted(new AsOfEngine({ eventStore: roomy }), { position: 6 }),
    );
    expect(tight.reads).toBeGreaterThan(after); // no state fits in 64 bytes: folded from the log again
    none.close();
  });

  it('gives its kept states back when the heap runs short, then folds again to the same answer', async () => {
    const events = arrayEventLog(log.events);
    const engine = new AsOfEngine({ eventStore: events, cachedBytes: 1024 * 1024 });
    const before = await counted(engine, { position: 6 });
    const reads = events.reads;
    expect(relieveHeapPressure(0, () => ({ used_heap_size: 1, heap_size_limit: 1 }))).toBe(true);
    expect(await counted(engine, { position: 6 })).toEqual(before);
    expect(events.reads).toBe(reads + 1); // its state was dropped: read from the log again
    engine.close();
    const dropCaches = jest.spyOn(engine, 'dropCaches');
    relieveHeapPressure(0, () => ({ used_heap_size: 1, heap_size_limit: 1 }));
    expect(dropCaches).not.toHaveBeenCalled(); // closed: no longer registered
  });

  it('looks at the heap as a long fold goes (every 1,000 events): a fold is one request', async () => {
    const long = eventLog();
    const months = (n: number) => `${2014 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    long.record('project-p', [
      projectRegistered({ projectId: 'p', parkId: null }),
      ...Array.from({ length: 2_100 }, (_, n) => projectEvents('p').progressReported(months(n % 120), `${n}.00`)),
    ]);
    const engine = new AsOfEngine({ eventStore: arrayEventLog(long.events) });
    const relief = jest.spyOn(heapPressure, 'relieveHeapPressure');
    try {
      await engine.at({ position: 2_101 });
      expect(relief).toHaveBeenCalledTimes(2);
    } finally {
      relief.mockRestore();
      engine.close();
    }
  });

  it('from scratch, it trusts no state it holds', async () => {
    const events = arrayEventLog(log.events);
    const engine = new AsOfEngine({ eventStore: events });
    await engine.at({ position: 6 });
    const reads = events.reads;
    const view = await engine.at({ position: 7 }, { fromScratch: true });
    expect(view.position).toBe(7);
    expect(events.reads).toBe(reads + 1);
    engine.close();
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadDocument } from '../read-store.port';
import { EmbeddedReadStore, embeddedReadStorePath } from './embedded-read-store';

/** A project as the library stores it: light fields around long series (in this order). */
const project = (id: string, months: number, name = `Project ${id}`): ReadDocument => ({
  _id: id,
  name,
  stage: 'operating',
  progress: Array.from({ length: months }, (_, i) => ({
    month: `2014-${String((i % 12) + 1).padStart(2, '0')}`,
    investmentCompletedToDate: { amount: `${i + 1}000000.00`, currency: 'CNY' },
    correction: null,
    recordedAt: '2014-02-25T01:00:00.000Z',
  })),
  problems: [],
  targetYear: 2014,
  suspensions: [],
  revision: months,
});
const WITHOUT_SERIES = { progress: 0, problems: 0, suspensions: 0 } as const;

/** The store's reads of series rows, counted (the statement is private: this spec watches the adapter's own I/O). */
const seriesReads = (store: EmbeddedReadStore) =>
  jest.spyOn((store as unknown as { sql: { getSeries: { get: () => unknown } } }).sql.getSeries, 'get');

describe('EmbeddedReadStore: series kept apart and read when an answer holds them', () => {
  let dataDir = '';
  let store: EmbeddedReadStore;
  const filePath = () => embeddedReadStorePath(dataDir);
  const write = (target: EmbeddedReadStore, position: number, document: ReadDocument) =>
    target.applyBatch({ writes: [{ kind: 'upsert', collection: 'projects', position, document }] });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'itp-series-'));
    store = new EmbeddedReadStore({ filePath: filePath() });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the whole document, its fields in their stored order, from a scan and by id', async () => {
    await write(store, 1, project('p-1', 24));
    await write(store, 2, project('p-2', 2));
    const expected = JSON.stringify({ ...project('p-1', 24), _position: 1 });
    const [scanned] = await store.collection('projects').find({ targetYear: 2014 }, { sort: { _id: 1 }, limit: 1 });
    expect(JSON.stringify(scanned)).toBe(expected);
    expect(JSON.stringify(await store.collection('projects').findOne({ _id: 'p-1' }))).toBe(expected);
    const all = await store.collection('projects').find({});
    expect(JSON.stringify(all)).toBe(JSON.stringify([JSON.parse(expected), { ...project('p-2', 2), _position: 2 }]));
  });

  it('keeps long series in their own column and short ones in the body', async () => {
    await write(store, 1, project('p-long', 24));
    await write(store, 2, project('p-short', 1));
    await store.close();
    const db = new Database(filePath(), { readonly: true });
    const rows = db.prepare('SELECT id, body, series FROM read_documents ORDER BY id').all() as {
      id: string;
      body: string;
      series: string | null;
    }[];
    db.close();
    expect(rows.map((r) => [r.id, r.series === null])).toEqual([
      ['p-long', false],
      ['p-short', true],
    ]);
    expect(JSON.parse(rows[0]!.body).progress).toBe(0);
    expect(JSON.parse(rows[0]!.series!).progress).toHaveLength(24);
    store = new EmbeddedReadStore({ filePath: filePath() });
  });

  it('never reads the series for a query that leaves them out, and reads each version once for those that hold them', async () => {
    for (let i = 1; i <= 5; i += 1) await write(store, i, project(`p-${i}`, 30));
    const reads = seriesReads(store);
    const light = await store.collection('projects').find({}, { projection: WITHOUT_SERIES, sort: { _id: 1 } });
    expect(light).toHaveLength(5);
    expect(light[0]).not.toHaveProperty('progress');
    expect(reads).not.toHaveBeenCalled();
    const whole = await store.collection('projects').find({ stage: 'operating' });
    expect(whole.map((p) => (p.progress as unknown[]).length)).toEqual([30, 30, 30, 30, 30]);
    expect(reads).toHaveBeenCalledTimes(5);
    await store.collection('projects').find({ stage: 'operating' });
    expect(reads).toHaveBeenCalledTimes(5); // kept parsed
  });

  it('hands out values, not getters: a document read before a commit keeps the series it was read with', async () => {
    await write(store, 1, project('p-1', 24));
    const [before] = await store.collection('projects').find({ stage: 'operating' });
    expect(Object.getOwnPropertyDescriptor(before, 'progress')).toHaveProperty('value');
    await write(store, 2, project('p-1', 25));
    expect((before!.progress as unknown[]).length).toBe(24);
    const [after] = await store.collection('projects').find({ stage: 'operating' });
    expect((after!.progress as unknown[]).length).toBe(25);
    expect(after!._position).toBe(2);
  });

  it('hands out values from a collection the warm-up loaded, or a query took over from it', async () => {
    for (let n = 0; n < 300; n += 1)
      await write(store, n + 1, project(`p-${String(n).padStart(3, '0')}`, n === 299 ? 24 : 1));
    await store.switchAlias('live', 'projects'); // the warm-up loads the live collections (alias targets)
    for (const takeOver of [false, true]) {
      const reopened = new EmbeddedReadStore({ filePath: filePath() });
      const warming = reopened.warmUp();
      if (!takeOver) expect(await warming).toEqual(['projects']);
      const found = await reopened.collection('live').find({}, { sort: { _id: 1 } });
      expect(Object.getOwnPropertyDescriptor(found[299], 'progress')).toHaveProperty('value');
      expect((found[299]!.progress as unknown[]).length).toBe(24);
      await warming;
      await reopened.close();
    }
  });

  it('hands out values once a held collection without series apart gains a document with them', async () => {
    await write(store, 1, project('p-short', 1));
    const held = await store.collection('projects').find({}, { sort: { _id: 1 } });
    expect(Object.getOwnPropertyDescriptor(held[0], 'progress')).toHaveProperty('value');
    await write(store, 2, project('p-long', 24)); // this store's commit: the held collection is patched
    for (const found of [
      await store.collection('projects').find({}),
      await store.collection('projects').find({ stage: 'operating' }, { sort: { _id: 1 } }),
    ]) {
      const long = found.find((d) => d._id === 'p-long')!;
      expect(Object.getOwnPropertyDescriptor(long, 'progress')).toHaveProperty('value');
      expect((long.progress as unknown[]).length).toBe(24);
    }
  });
  it('sees another process replace a document, and asks again when its series moved on during the read', async () => {
    const other = new EmbeddedReadStore({ filePath: filePath() });
    try {
      await write(other, 1, project('p-1', 24, 'First'));
      expect((await store.collection('projects').find({}, { projection: WITHOUT_SERIES }))[0]!.name).toBe('First');
      await write(other, 2, project('p-1', 26, 'Second'));
      const [seen] = await store.collection('projects').find({ stage: 'operating' });
      expect([seen!.name, (seen!.progress as unknown[]).length]).toEqual(['Second', 26]);

      // The narrow race: the cache was checked, then the row moved on before its series were read.
      const reads = seriesReads(store);
      await write(other, 3, project('p-1', 27, 'Third'));
      await store.collection('projects').find({}, { projection: WITHOUT_SERIES }); // cache holds position 3
      reads.mockReturnValueOnce(undefined);
      const [retried] = await store.collection('projects').find({ stage: 'operating' });
      expect([retried!.name, (retried!.progress as unknown[]).length, retried!._position]).toEqual(['Third', 27, 3]);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      await other.close();
    }
  });

  it('reads rows written before the series had a column of their own', async () => {
    await store.close();
    const db = new Database(filePath());
    db.exec('DROP TABLE read_documents');
    db.exec(
      'CREATE TABLE read_documents (collection TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection, id))',
    );
    const old = { ...project('p-old', 24), _position: 4 };
    db.prepare('INSERT INTO read_documents VALUES (?, ?, ?, ?)').run('projects', 'p-old', 4, JSON.stringify(old));
    db.close();
    store = new EmbeddedReadStore({ filePath: filePath() });
    expect(JSON.stringify(await store.collection('projects').find({}))).toBe(JSON.stringify([old]));
    await write(store, 5, project('p-old', 25));
    expect(((await store.collection('projects').findOne({ _id: 'p-old' }))!.progress as unknown[]).length).toBe(25);
  });
});

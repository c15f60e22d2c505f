import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Derivation, ReadDocument } from '../read-store.port';
import { EmbeddedReadStore, embeddedReadStorePath } from './embedded-read-store';

/** A project with a long progress series (kept apart from its body by the store). */
const project = (id: string, months: number): ReadDocument => ({
  _id: id,
  city: '430100',
  progress: Array.from({ length: months }, (_, i) => ({
    month: `2014-${String((i % 12) + 1).padStart(2, '0')}`,
    investmentCompletedToDate: { amount: `${i + 1}000000.00`, currency: 'CNY' },
  })),
});

/** The last figure of a project's progress, derived, with every call counted by id. */
const lastFigure = (calls: string[], key = 'last', basis?: object): Derivation<ReadDocument, string> => ({
  key,
  basis,
  derive: (document) => {
    calls.push(document._id);
    const progress = document.progress as { investmentCompletedToDate: { amount: string } }[];
    return `${document._id}=${progress.at(-1)?.investmentCompletedToDate.amount}`;
  },
});

const seriesReads = (store: EmbeddedReadStore) =>
  jest.spyOn((store as unknown as { sql: { getSeries: { get: () => unknown } } }).sql.getSeries, 'get');

describe('EmbeddedReadStore.findDerived: results remembered per stored version', () => {
  let dataDir = '';
  let store: EmbeddedReadStore;
  const write = (target: EmbeddedReadStore, position: number, document: ReadDocument) =>
    target.applyBatch({ writes: [{ kind: 'upsert', collection: 'projects', position, document }] });
  const derived = (target: EmbeddedReadStore, derivation: Derivation<ReadDocument, string>) =>
    target.collection('projects').findDerived({ city: '430100' }, { sort: { _id: 1 } }, derivation);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'itp-derived-'));
    store = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir) });
    for (let i = 1; i <= 3; i += 1) await write(store, i, project(`p-${i}`, 20 + i));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('derives each document once, then answers the same without deriving or reading a series', async () => {
    const calls: string[] = [];
    const first = await derived(store, lastFigure(calls));
    expect(first).toEqual(['p-1=21000000.00', 'p-2=22000000.00', 'p-3=23000000.00']);
    expect(calls).toEqual(['p-1', 'p-2', 'p-3']);
    const reads = seriesReads(store);
    expect(await derived(store, lastFigure(calls))).toEqual(first);
    expect(calls).toHaveLength(3);
    expect(reads).not.toHaveBeenCalled();
  });

  it("derives again only the document this store's commit replaced", async () => {
    const calls: string[] = [];
    await derived(store, lastFigure(calls));
    await write(store, 4, project('p-2', 30));
    expect(await derived(store, lastFigure(calls))).toEqual(['p-1=21000000.00', 'p-2=30000000.00', 'p-3=23000000.00']);
    expect(calls).toEqual(['p-1', 'p-2', 'p-3', 'p-2']);
  });

  it("derives everything again after another process's commit", async () => {
    const calls: string[] = [];
    await derived(store, lastFigure(calls));
    const projector = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir) });
    await write(projector, 4, project('p-3', 40));
    await projector.close();
    expect(await derived(store, lastFigure(calls))).toEqual(['p-1=21000000.00', 'p-2=22000000.00', 'p-3=40000000.00']);
    expect(calls).toEqual(['p-1', 'p-2', 'p-3', 'p-1', 'p-2', 'p-3']);
  });

  it('keeps a result per key and basis, for the four asked most recently of each document', async () => {
    const calls: string[] = [];
    const [table, other] = [{}, {}];
    const ask = (key: string, basis: object) => derived(store, lastFigure(calls, key, basis));
    await ask('a', table);
    await ask('b', table);
    await ask('a', other);
    expect(calls).toHaveLength(9);
    await ask('a', table);
    await ask('b', table);
    expect(calls).toHaveLength(9);
    // A fifth pushes out the one asked least recently: 'a' on the other table.
    await ask('c', table);
    await ask('d', table);
    expect(calls).toHaveLength(15);
    await ask('a', table);
    expect(calls).toHaveLength(15);
    await ask('a', other);
    expect(calls).toHaveLength(18);
  });

  it('hands out frozen results: a caller cannot change what the next one gets', async () => {
    const derivation: Derivation<ReadDocument, { id: string; months: number[] }> = {
      key: 'months',
      derive: (document) => ({ id: document._id, months: [(document.progress as unknown[]).length] }),
    };
    const projects = store.collection('projects');
    const [first] = await projects.findDerived({ city: '430100' }, { sort: { _id: 1 }, limit: 1 }, derivation);
    expect(() => first!.months.push(1)).toThrow(TypeError);
    // By id too, now that the collection is held.
    expect(await projects.findDerived({ _id: 'p-1' }, {}, derivation)).toEqual([{ id: 'p-1', months: [21] }]);
    expect(await projects.findDerived({ _id: 'p-1' }, {}, derivation)).toStrictEqual([first]);
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../contract/read-store.contract';
import type { ReadDocument, ReadFilter } from '../read-store.port';
import { EmbeddedReadStore, embeddedReadStorePath } from './embedded-read-store';
import { relieveHeapPressure } from './heap-pressure';

describeReadStoreContract('embedded SQLite in memory', {
  persistent: false,
  open: async () => ({ store: new EmbeddedReadStore({ filePath: ':memory:' }) }),
});

describeReadStoreContract('embedded SQLite file', {
  persistent: true,
  open: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'itp-read-store-'));
    const filePath = embeddedReadStorePath(join(dataDir, 'nested'));
    let store = new EmbeddedReadStore({ filePath });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new EmbeddedReadStore({ filePath });
        return store;
      },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
});

describe('EmbeddedReadStore', () => {
  describe('given the API and the projector open the same file', () => {
    let dataDir = '';
    let projector: EmbeddedReadStore;
    let api: EmbeddedReadStore;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'itp-read-store-'));
      projector = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir) });
      api = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir) });
    });
    afterEach(async () => {
      await Promise.all([projector.close(), api.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('the API sees every commit of the projector at its next query, cache or not', async () => {
      const library = api.collection('library');
      await projector.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library', position: 1, document: { _id: 'a', v: '1' } }],
      });
      expect(await library.find({ v: '1' })).toHaveLength(1);
      await projector.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library', position: 2, document: { _id: 'a', v: '2' } }],
      });
      expect(await library.find({ v: '1' })).toHaveLength(0);
      await projector.switchAlias('library', 'library_r1');
      await projector.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library_r1', position: 3, document: { _id: 'b', v: '3' } }],
      });
      expect((await library.find({})).map((d) => d._id)).toEqual(['b']);
    });

    it('hands out frozen documents: a caller that changes a result gets an error and changes nothing stored', async () => {
      await api.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library', position: 1, document: { _id: 'a', tags: ['x'] } }],
      });
      const [first] = await api.collection('library').find({});
      expect(() => (first!['tags'] as string[]).push('mutated')).toThrow(TypeError);
      expect(await api.collection('library').find({})).toEqual([{ _id: 'a', tags: ['x'], _position: 1 }]);
    });

    it('keeps a sorted order of the whole collection until a change: filters answer in it, changes reorder it', async () => {
      const upsert = (store: EmbeddedReadStore, position: number, document: ReadDocument) =>
        store.applyBatch({ writes: [{ kind: 'upsert', collection: 'library', position, document }] });
      await upsert(api, 1, { _id: 'a', on: '2014-03', city: 'x' });
      await upsert(api, 2, { _id: 'b', on: '2014-01', city: 'y' });
      await upsert(api, 3, { _id: 'c', on: '2014-02', city: 'x' });
      const library = api.collection('library');
      const ordered = async (filter: ReadFilter = {}) =>
        (await library.find(filter, { sort: { on: 1, _id: 1 } })).map((d) => d._id);
      expect(await ordered()).toEqual(['b', 'c', 'a']);
      expect(await ordered({ city: { $ne: 'y' } })).toEqual(['c', 'a']);
      await upsert(api, 4, { _id: 'b', on: '2014-04', city: 'y' }); // this store's own commit
      expect(await ordered()).toEqual(['c', 'a', 'b']);
      await upsert(projector, 5, { _id: 'd', on: '2013-12', city: 'x' }); // another connection's
      expect(await ordered()).toEqual(['d', 'c', 'a', 'b']);
      const answer = await library.find({}, { sort: { on: 1, _id: 1 } });
      answer.reverse(); // the caller's array, not the kept order
      expect(await ordered()).toEqual(['d', 'c', 'a', 'b']);
    });

    it('by id from the cache: whole documents are copies, projected ones new documents; neither changes the cache', async () => {
      await api.applyBatch({
        writes: [
          { kind: 'upsert', collection: 'library', position: 1, document: { _id: 'a', name: 'A', tags: ['x'] } },
        ],
      });
      const library = api.collection('library');
      await library.find({}); // the collection is cached: finds by id are answered from it
      const [whole] = await library.find({ _id: { $in: ['a'] } });
      (whole!['tags'] as string[]).push('mutated'); // a copy: the caller may change it
      const [named] = await library.find({ _id: { $in: ['a'] } }, { projection: { name: 1 } });
      expect(named).toEqual({ name: 'A', _id: 'a' });
      named!['name'] = 'changed'; // a new document: its top level is the caller's
      expect(await library.find({ _id: 'a' })).toEqual([{ _id: 'a', name: 'A', tags: ['x'], _position: 1 }]);
    });

    it("patches the cache with this store's own commits, in _id order, and narrows by a pinned field", async () => {
      const library = api.collection('library');
      const upsert = (position: number, document: ReadDocument) =>
        api.applyBatch({ writes: [{ kind: 'upsert', collection: 'library', position, document }] });
      await upsert(1, { _id: 'b', city: 'x', tags: ['t1'] });
      await upsert(2, { _id: 'd', city: 'y', tags: ['t2', 't1'] });
      expect((await library.find({ city: 'x' })).map((d) => d._id)).toEqual(['b']);
      await upsert(3, { _id: 'a', city: 'x', tags: [] });
      await upsert(4, { _id: 'c', city: { not: 'a scalar' }, tags: 't1' });
      await upsert(5, { _id: 'd', city: 'x', tags: ['t2'] });
      expect((await library.find({})).map((d) => d._id)).toEqual(['a', 'b', 'c', 'd']);
      expect((await library.find({ city: 'x' })).map((d) => d._id)).toEqual(['a', 'b', 'd']);
      expect((await library.find({ tags: 't1' })).map((d) => d._id)).toEqual(['b', 'c']);
      expect((await library.find({ tags: { $in: ['t2', 't1'] } })).map((d) => d._id)).toEqual(['b', 'c', 'd']);
      expect(await library.count({ city: 'x', tags: 't2' })).toBe(1);
      await api.applyBatch({ writes: [{ kind: 'delete', collection: 'library', position: 6, id: 'b' }] });
      expect((await library.find({ tags: 't1' })).map((d) => d._id)).toEqual(['c']);
      // A replay (an older position) changes nothing, in the file or in the cache.
      await upsert(2, { _id: 'a', city: 'z' });
      expect((await library.find({ city: 'z' })).map((d) => d._id)).toEqual([]);
      const reopened = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir) });
      expect(await reopened.collection('library').find({})).toEqual(await library.find({}));
      await reopened.close();
    });

    it("keeps a pinned field's candidates in a sort's order until a commit changes them, by this store or another", async () => {
      const problems = api.collection('problems');
      const write = (store: EmbeddedReadStore, position: number, document: ReadDocument) =>
        store.applyBatch({ writes: [{ kind: 'upsert', collection: 'problems', position, document }] });
      await write(api, 1, { _id: 'p1', unit: 'grid', raisedOn: '2016-03-01' });
      await write(api, 2, { _id: 'p2', unit: 'grid', raisedOn: '2016-01-01' });
      await write(api, 3, { _id: 'p3', unit: 'water', raisedOn: '2016-02-01' });
      await write(api, 4, { _id: 'p4', unit: 'grid', raisedOn: null });
      const byDate = { sort: { raisedOn: 1, _id: 1 } } as const;
      const grid = async () => (await problems.find({ unit: 'grid' }, byDate)).map((d) => d._id);
      expect(await grid()).toEqual(['p4', 'p2', 'p1']);
      expect(await grid()).toEqual(['p4', 'p2', 'p1']);
      // Descending, and with the rest of the filter: each its own order.
      expect((await problems.find({ unit: 'grid' }, { sort: { raisedOn: -1, _id: 1 } })).map((d) => d._id)).toEqual([
        'p1',
        'p2',
        'p4',
      ]);
      expect((await problems.find({ unit: 'grid', raisedOn: { $gte: '2016-02' } }, byDate)).map((d) => d._id)).toEqual([
        'p1',
      ]);
      await write(api, 5, { _id: 'p1', unit: 'grid', raisedOn: '2015-12-01' });
      expect(await grid()).toEqual(['p4', 'p1', 'p2']);
      await write(projector, 6, { _id: 'p3', unit: 'grid', raisedOn: '2015-11-01' });
      expect(await grid()).toEqual(['p4', 'p3', 'p1', 'p2']);
    });

    it('warms up live collections in the background, and a commit meanwhile is not lost', async () => {
      await api.switchAlias('library', 'library_v1');
      await api.applyBatch({
        writes: Array.from({ length: 600 }, (_, n) => ({
          kind: 'upsert' as const,
          collection: 'library_v1',
          position: 1,
          document: { _id: `doc-${String(n).padStart(3, '0')}`, v: 'old' },
        })),
      });
      const warming = api.warmUp();
      await api.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library', position: 2, document: { _id: 'doc-000', v: 'new' } }],
      });
      await warming;
      expect((await api.collection('library').find({ v: 'new' })).map((d) => d._id)).toEqual(['doc-000']);
      expect(await api.warmUp()).toEqual(['library_v1']);
      expect(await api.collection('library').count({ v: 'old' })).toBe(599);
    });

    describe('a query while a collection warms up', () => {
      /** The store's reads of whole collections and of pages (its statements are private: this spec watches its I/O). */
      const reads = (store: EmbeddedReadStore) => {
        const sql = (store as unknown as { sql: { scan: { all: () => unknown }; scanPage: { all: () => unknown } } })
          .sql;
        return { scan: jest.spyOn(sql.scan, 'all'), scanPage: jest.spyOn(sql.scanPage, 'all') };
      };
      const fill = async (count: number, v: string) => {
        await api.switchAlias('library', 'library_v1');
        await api.applyBatch({
          writes: Array.from({ length: count }, (_, n) => ({
            kind: 'upsert' as const,
            collection: 'library_v1',
            position: 1,
            document: { _id: `doc-${String(n).padStart(3, '0')}`, v },
          })),
        });
      };

      it('takes the warm-up over: the pages parsed are kept, the rest read once, the answer whole', async () => {
        await fill(600, 'old');
        const { scan, scanPage } = reads(api);
        const warming = api.warmUp(); // reads its first page (250 documents) before it yields
        const answer = await api.collection('library').find({}, { sort: { _id: 1 } });
        expect(answer.map((d) => d._id)).toEqual(
          Array.from({ length: 600 }, (_, n) => `doc-${String(n).padStart(3, '0')}`),
        );
        expect(await warming).toEqual(['library_v1']);
        expect(scan).not.toHaveBeenCalled();
        expect(scanPage.mock.calls).toEqual([
          ['library_v1', '', 250],
          ['library_v1', 'doc-249', -1],
        ]);
        expect(await api.collection('library').count({ v: 'old' })).toBe(600);
        expect(scanPage).toHaveBeenCalledTimes(2);
      });

      it.each([
        ['another process', () => projector],
        ['this store', () => api],
      ])(
        'does not take it over after a commit by %s: the query reads the collection as it now is',
        async (_by, writer) => {
          await fill(600, 'old');
          const { scan } = reads(api);
          const warming = api.warmUp();
          await writer().applyBatch({
            writes: [{ kind: 'upsert', collection: 'library', position: 2, document: { _id: 'doc-599', v: 'new' } }],
          });
          // A filter SQLite cannot check (sql-prefilter.ts): the whole collection is read, once.
          const found = await api.collection('library').find({ v: { $regex: '^ne' } });
          expect(found.map((d) => d._id)).toEqual(['doc-599']);
          expect(scan).toHaveBeenCalledTimes(1);
          await warming;
          expect(await api.collection('library').count({ v: 'old' })).toBe(599);
        },
      );

      it.each([
        ['another process', () => projector],
        ['this store', () => api],
        ['nobody', undefined],
      ])(
        'reads only the rows that may match a filter SQLite can check, before the warm-up reached them (a commit by %s)',
        async (_by, writer) => {
          await fill(600, 'old');
          const { scan, scanPage } = reads(api);
          const narrowed = jest.spyOn(Database.prototype, 'prepare');
          const warming = api.warmUp();
          await writer?.().applyBatch({
            writes: [{ kind: 'upsert', collection: 'library', position: 2, document: { _id: 'doc-599', v: 'new' } }],
          });
          const filter = { $or: [{ v: 'new' }, { _id: { $gt: 'doc-597' }, v: { $in: ['old', 'older'] } }] };
          const found = await api.collection('library').find(filter, { sort: { _id: -1 } });
          expect(found.map((d) => d._id)).toEqual(['doc-599', 'doc-598']);
          expect(found.map((d) => d.v)).toEqual(writer ? ['new', 'old'] : ['old', 'old']);
          const derived = await api
            .collection('library')
            .findDerived(filter, { sort: { _id: 1 } }, { key: 'v', derive: (d) => `${d._id}:${String(d.v)}` });
          expect(derived).toEqual(writer ? ['doc-598:old', 'doc-599:new'] : ['doc-598:old', 'doc-599:old']);
          expect(scan).not.toHaveBeenCalled();
          // The query's own statement: the rows whose v is one of the values (SQLite cannot narrow by the $gt).
          const statements = narrowed.mock.results.map((result) => (result.value as Database.Statement).source);
          expect(statements.filter((source) => source.includes('json_extract'))).toEqual([
            expect.stringMatching(/json_extract\(body, '\$\.v'\) IN \(\?\)/),
          ]);
          narrowed.mockRestore();
          await warming;
          // Not held by the query: the warm-up's pages are all that was read whole.
          expect(scanPage.mock.calls[0]).toEqual(['library_v1', '', 250]);
          expect(scan).not.toHaveBeenCalled();
          expect(await api.collection('library').count({ v: 'old' })).toBe(writer ? 599 : 600);
        },
      );

      it('warms the smallest collection first (not in the order of their names)', async () => {
        for (const [name, count] of [
          ['alpha', 3],
          ['beta', 1],
          ['gamma', 2],
        ] as const) {
          await api.switchAlias(name, `${name}_v1`);
          await api.applyBatch({
            writes: Array.from({ length: count }, (_, n) => ({
              kind: 'upsert' as const,
              collection: `${name}_v1`,
              position: 1,
              document: { _id: `${name}-${n}` },
            })),
          });
        }
        expect(await api.warmUp()).toEqual(['beta_v1', 'gamma_v1', 'alpha_v1']);
      });
    });

    it('holds no more than its byte budget: a larger collection is parsed per query, with the same answers', async () => {
      const small = new EmbeddedReadStore({ filePath: embeddedReadStorePath(dataDir), cacheBytes: 64 });
      await small.applyBatch({
        writes: [1, 2, 3].map((n) => ({
          kind: 'upsert' as const,
          collection: 'big',
          position: n,
          document: { _id: `doc-${n}`, padding: 'p'.repeat(40), n },
        })),
      });
      expect((await small.collection('big').find({ n: { $in: [3, 1] } })).map((d) => d._id)).toEqual([
        'doc-1',
        'doc-3',
      ]);
      expect(await small.collection('big').count({})).toBe(3);
      await small.close();
    });
  });
});

describe('EmbeddedReadStore under heap pressure', () => {
  const pressed = () => ({ used_heap_size: 1, heap_size_limit: 1 });

  it('lets go of what it holds, reads it again at the next query, and no longer takes part once closed', async () => {
    const store = new EmbeddedReadStore({ filePath: ':memory:' });
    const scans = jest.spyOn((store as unknown as { sql: { scan: { all: () => unknown } } }).sql.scan, 'all');
    const write = (position: number, v: string) =>
      store.applyBatch({ writes: [{ kind: 'upsert', collection: 'c', position, document: { _id: 'a', v } }] });
    await write(1, 'one');
    const values = async () => (await store.collection('c').find({})).map((d) => d.v);
    expect(await values()).toEqual(['one']);
    expect(await values()).toEqual(['one']);
    expect(scans).toHaveBeenCalledTimes(1);
    expect(relieveHeapPressure(0, pressed)).toBe(true);
    expect(await values()).toEqual(['one']);
    expect(scans).toHaveBeenCalledTimes(2);
    // What it commits after holds as before: patched in, not read again.
    await write(2, 'two');
    expect(await values()).toEqual(['two']);
    expect(scans).toHaveBeenCalledTimes(2);
    await store.close();
    const cacheOf = (s: EmbeddedReadStore) => (s as unknown as { cache: { changed: () => void } }).cache;
    const closedReleased = jest.spyOn(cacheOf(store), 'changed');
    const other = new EmbeddedReadStore({ filePath: ':memory:' });
    const released = jest.spyOn(cacheOf(other), 'changed');
    relieveHeapPressure(0, pressed);
    expect(released).toHaveBeenCalledTimes(1);
    expect(closedReleased).not.toHaveBeenCalled();
    await other.close();
  });
});

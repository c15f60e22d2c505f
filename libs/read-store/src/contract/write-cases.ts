import { InvalidReadStoreInputError } from '../read-store.errors';
import type { ReadStoreBatch } from '../read-store.port';
import { type ContractContext, remove, upsert, withoutPosition } from './contract-context';

const project = (id: string, name: string, extra: Record<string, string> = {}) => ({
  _id: id,
  name,
  investment: '1200000.50',
  ...extra,
});

export const describeWriteCases = (context: () => ContractContext): void => {
  describe('given an empty collection', () => {
    it('stores an upserted document, stamped with the position that wrote it', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({ writes: [upsert(library, 3, project('p1', 'Battery plant'))] });
      expect(await store.collection(library).findOne({ _id: 'p1' })).toEqual({
        ...project('p1', 'Battery plant'),
        _position: 3,
      });
    });

    it('finds nothing for an unknown id or an unknown collection', async () => {
      const { store, name } = bind(context());
      expect(await store.collection(name('library')).findOne({ _id: 'nope' })).toBeNull();
      expect(await store.collection(name('never-written')).find({})).toEqual([]);
      expect(await store.collection(name('never-written')).count()).toBe(0);
    });

    it('writes one batch into several collections', async () => {
      const { store, name } = bind(context());
      const [a, b] = [name('a'), name('b')];
      await store.applyBatch({ writes: [upsert(a, 1, project('x', 'in a')), upsert(b, 2, project('x', 'in b'))] });
      expect((await store.collection(a).findOne({ _id: 'x' }))?.['name']).toBe('in a');
      expect((await store.collection(b).findOne({ _id: 'x' }))?.['name']).toBe('in b');
    });

    it('applies a batch of 2,500 documents and reads 1,000 of them back by id', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      const writes = Array.from({ length: 2500 }, (_, i) => upsert(library, i + 1, project(`p${i}`, `n${i}`)));
      expect(await store.applyBatch({ writes })).toEqual({ applied: 2500, skipped: 0 });
      const ids = Array.from({ length: 1000 }, (_, i) => `p${i * 2}`);
      expect(await store.collection(library).find({ _id: { $in: ids } })).toHaveLength(1000);
      expect(await store.collection(library).count()).toBe(2500);
    });

    it('refuses input that some backend could not store alike', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      const refused = [
        store.applyBatch({ writes: [upsert('bad.name', 1, project('p', 'n'))] }),
        store.applyBatch({ writes: [upsert(library, -1, project('p', 'n'))] }),
        store.applyBatch({ writes: [upsert(library, 1.5, project('p', 'n'))] }),
        store.applyBatch({ writes: [upsert(library, 1, { _id: '' })] }),
        store.applyBatch({ writes: [upsert('read_store_checkpoints', 1, project('p', 'n'))] }),
        store.collection(library).find({}, { limit: 0 }),
      ];
      for (const attempt of refused) await expect(attempt).rejects.toBeInstanceOf(InvalidReadStoreInputError);
    });
  });

  describe('given a stored document', () => {
    it('replaces the whole document: fields left out are gone', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({ writes: [upsert(library, 1, project('p1', 'old', { park: 'xiangjiang' }))] });
      await store.applyBatch({ writes: [upsert(library, 2, project('p1', 'new'))] });
      expect(withoutPosition(await store.collection(library).findOne({ _id: 'p1' }))).toEqual(project('p1', 'new'));
    });

    it('deletes it', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({
        writes: [upsert(library, 1, project('p1', 'a')), upsert(library, 1, project('p2', 'b'))],
      });
      expect(await store.applyBatch({ writes: [remove(library, 2, 'p1')] })).toEqual({ applied: 1, skipped: 0 });
      expect(await store.collection(library).find({})).toEqual([{ ...project('p2', 'b'), _position: 1 }]);
    });

    it('never lets an older position overwrite it', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({ writes: [upsert(library, 10, project('p1', 'newer'))] });
      expect(await store.applyBatch({ writes: [upsert(library, 4, project('p1', 'older'))] })).toEqual({
        applied: 0,
        skipped: 1,
      });
      expect(await store.collection(library).findOne({ _id: 'p1' })).toEqual({
        ...project('p1', 'newer'),
        _position: 10,
      });
    });

    it('never lets an older delete remove it', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({ writes: [upsert(library, 10, project('p1', 'newer'))] });
      expect(await store.applyBatch({ writes: [remove(library, 9, 'p1')] })).toEqual({ applied: 0, skipped: 1 });
      expect(await store.collection(library).count({ _id: 'p1' })).toBe(1);
    });
  });

  describe('given one batch with several writes to one document', () => {
    it('keeps the highest position, the later write on a tie', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      await store.applyBatch({
        writes: [
          upsert(library, 5, project('gone', 'a')),
          remove(library, 7, 'gone'),
          remove(library, 8, 'back'),
          upsert(library, 9, project('back', 'b')),
          upsert(library, 11, project('tie', 'first')),
          upsert(library, 11, project('tie', 'second')),
          upsert(library, 13, project('late', 'kept')),
          upsert(library, 12, project('late', 'stale')),
        ],
      });
      const names = (await store.collection(library).find({}, { sort: { _id: 1 } })).map((d) => d['name']);
      expect(names).toEqual(['b', 'kept', 'second']);
    });
  });

  describe('given 150 stored documents', () => {
    // More than 100 updates in one batch once hung FerretDB 1.x for good (see mongodb-writes.ts).
    it('updates all of them in one batch, and skips them all on replay', async () => {
      const { store, name } = bind(context());
      const library = name('library');
      const ids = Array.from({ length: 150 }, (_, i) => `p${i}`);
      await store.applyBatch({ writes: ids.map((id, i) => upsert(library, i + 1, project(id, 'first'))) });
      const second = { writes: ids.map((id, i) => upsert(library, 1000 + i, project(id, 'second'))) };
      expect(await store.applyBatch(second)).toEqual({ applied: 150, skipped: 0 });
      expect(await store.applyBatch(second)).toEqual({ applied: 0, skipped: 150 });
      expect(await store.collection(library).count({ name: 'second' })).toBe(150);
    }, 60_000);
  });

  describe('given a committed batch', () => {
    const batchFor = (library: string, projection: string): ReadStoreBatch => ({
      writes: [
        upsert(library, 21, project('p1', 'one')),
        upsert(library, 22, project('p2', 'two')),
        upsert(library, 23, project('p3', 'three')),
        remove(library, 24, 'p3'),
      ],
      checkpoint: { projection, position: 24 },
    });

    it('replaying it changes no document and no checkpoint', async () => {
      const { store, name } = bind(context());
      const [library, projection] = [name('library'), name('projection')];
      await store.applyBatch(batchFor(library, projection));
      const before = await store.collection(library).find({}, { sort: { _id: 1 } });
      expect(await store.applyBatch(batchFor(library, projection))).toEqual({ applied: 0, skipped: 3 });
      expect(await store.collection(library).find({}, { sort: { _id: 1 } })).toEqual(before);
      expect(await store.getCheckpoint(projection)).toBe(24);
    });

    it('replaying it after a crash before the checkpoint completes the checkpoint only', async () => {
      const { store, name } = bind(context());
      const [library, projection] = [name('library'), name('projection')];
      const batch = batchFor(library, projection);
      await store.applyBatch({ writes: batch.writes });
      expect(await store.getCheckpoint(projection)).toBe(0);
      expect(await store.applyBatch(batch)).toEqual({ applied: 0, skipped: 3 });
      expect(await store.getCheckpoint(projection)).toBe(24);
      expect(await store.collection(library).count()).toBe(2);
    });
  });

  describe('checkpoints', () => {
    it('are 0 before the first batch, then round-trip', async () => {
      const { store, name } = bind(context());
      const projection = name('projection');
      expect(await store.getCheckpoint(projection)).toBe(0);
      await store.applyBatch({ writes: [], checkpoint: { projection, position: 1234567 } });
      expect(await store.getCheckpoint(projection)).toBe(1234567);
    });

    it('never move back, and can be deleted', async () => {
      const { store, name } = bind(context());
      const projection = name('projection');
      await store.applyBatch({ writes: [], checkpoint: { projection, position: 50 } });
      await store.applyBatch({ writes: [], checkpoint: { projection, position: 40 } });
      expect(await store.getCheckpoint(projection)).toBe(50);
      await store.deleteCheckpoint(projection);
      expect(await store.getCheckpoint(projection)).toBe(0);
    });
  });
};

/** Destructuring-friendly access without losing `this` on the context's methods. */
const bind = (context: ContractContext) => ({ store: context.store, name: (suffix: string) => context.name(suffix) });

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../contract/read-store.contract';
import { EmbeddedReadStore, embeddedReadStorePath } from './embedded-read-store';

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

    it('hands out copies, so a caller that mutates a result changes nothing stored', async () => {
      await api.applyBatch({
        writes: [{ kind: 'upsert', collection: 'library', position: 1, document: { _id: 'a', tags: ['x'] } }],
      });
      const [first] = await api.collection('library').find({});
      (first!['tags'] as string[]).push('mutated');
      expect(await api.collection('library').find({})).toEqual([{ _id: 'a', tags: ['x'], _position: 1 }]);
    });
  });
});

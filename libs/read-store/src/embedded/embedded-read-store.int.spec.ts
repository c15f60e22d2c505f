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

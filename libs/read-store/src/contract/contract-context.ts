import { randomBytes } from 'node:crypto';
import type { DocumentWrite, ReadDocument, ReadStore } from '../read-store.port';

export interface ReadStoreFixture {
  store: ReadStore;
  /** Closes `store` and opens the same data again (a restart). Only for stores that persist. */
  reopen?: () => Promise<ReadStore>;
  /** Frees what the fixture made (temporary files), after the store is closed. */
  dispose?: () => Promise<void>;
}

export interface ReadStoreContractFactory {
  /** A store for one test. Several tests may share one server: the suite prefixes every name it uses. */
  open(): Promise<ReadStoreFixture>;
  /** True when every fixture offers `reopen`: the restart tests run only then. */
  persistent: boolean;
}

/** What each test sees: the current store (replaced by `reopen`) and names unique to this test. */
export class ContractContext {
  private readonly prefix = `t${randomBytes(4).toString('hex')}_`;
  private readonly used = new Set<string>();

  constructor(private fixture: ReadStoreFixture) {}

  get store(): ReadStore {
    return this.fixture.store;
  }

  /** A collection, alias or projection name private to this test. */
  name(suffix: string): string {
    const name = `${this.prefix}${suffix}`;
    this.used.add(name);
    return name;
  }

  async reopen(): Promise<ReadStore> {
    if (this.fixture.reopen === undefined) throw new Error('This fixture cannot reopen');
    const store = await this.fixture.reopen();
    this.fixture = { ...this.fixture, store };
    return store;
  }

  /** Leaves nothing behind on a shared server; aliases go first so that their targets can be dropped. */
  async cleanUp(): Promise<void> {
    const names = [...this.used];
    try {
      for (const name of names) await this.store.removeAlias(name);
      for (const name of names) await this.store.dropCollection(name);
      for (const name of names) await this.store.deleteCheckpoint(name);
    } finally {
      await this.store.close();
      await this.fixture.dispose?.();
    }
  }
}

export const upsert = (collection: string, position: number, document: ReadDocument): DocumentWrite => ({
  kind: 'upsert',
  collection,
  position,
  document,
});

export const remove = (collection: string, position: number, id: string): DocumentWrite => ({
  kind: 'delete',
  collection,
  position,
  id,
});

/** Strips what the store adds, to compare with what was written. */
export const withoutPosition = <T extends ReadDocument>(document: T | null): Omit<T, '_position'> | null => {
  if (document === null) return null;
  const { _position: _ignored, ...rest } = document;
  return rest;
};

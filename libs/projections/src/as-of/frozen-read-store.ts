import { deepFreeze } from '@itp/read-store/embedded/document-cache';
import { evaluateCount, evaluateFind, pinnedIds, withoutPinnedIds } from '@itp/read-store/embedded/evaluate-query';
import { assertCollectionName, assertFindOptions } from '@itp/read-store/read-store-input';
import type {
  ApplyBatchResult,
  FindOptions,
  ReadCollection,
  ReadDocument,
  ReadFilter,
  ReadStore,
  ReadStoreHealth,
  StoredDocument,
} from '@itp/read-store';

/** The documents of every folded collection, by collection name then `_id`. Documents are deeply frozen. */
export type FoldedCollections = Map<string, Map<string, StoredDocument>>;

/** The read store's own: a frozen document here is frozen as the embedded store's cache freezes it. */
export { deepFreeze };

class ReadOnlyError extends Error {
  override readonly name = 'ReadOnlyError';
  constructor(operation: string) {
    super(`The read models as of a past position are read-only: ${operation} is not allowed`);
  }
}

/**
 * The read models as of one position of the log, in memory, read through the port the queries use. Filters, sort,
 * skip, limit and projections are evaluated by the embedded store's own evaluator (mingo), so a query answers
 * here exactly as it does on the live embedded store. Documents are deeply frozen and shared with the as-of
 * engine's cached states instead of copied: a caller that mutates what it read throws instead of corrupting them.
 * Writes are refused: an as-of view is what the log said then, nothing writes to it.
 */
export class FrozenReadStore implements ReadStore {
  constructor(
    private readonly collections: FoldedCollections,
    private readonly position: number,
  ) {}

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    assertCollectionName(name);
    const documents = this.collections.get(name);
    // A query must name every read model it reads: one left out would read as empty, a wrong answer.
    if (documents === undefined)
      throw new Error(`The read models as of position ${this.position} were folded without collection ${name}`);
    const candidates = (filter: ReadFilter): { documents: ReadDocument[]; rest: ReadFilter } => {
      const ids = pinnedIds(filter);
      if (ids === undefined) return { documents: [...documents.values()], rest: filter };
      return {
        documents: ids.flatMap((id) => {
          const document = documents.get(id);
          return document === undefined ? [] : [document];
        }),
        rest: withoutPinnedIds(filter),
      };
    };
    const find = async (filter: ReadFilter, options: FindOptions = {}): Promise<StoredDocument<T>[]> => {
      assertFindOptions(options);
      const { documents, rest } = candidates(filter);
      return evaluateFind(documents, rest, options) as StoredDocument<T>[];
    };
    return {
      name,
      find,
      findOne: async (filter) => (await find(filter, { limit: 1 }))[0] ?? null,
      // A view lives for the questions asked of one instant: what is worth keeping is kept by the derivations
      // themselves, per frozen document (the dispatch's entries and follow-ups).
      findDerived: async (filter, options, derivation) =>
        (await find(filter, options)).map((document) => derivation.derive(document)),
      count: async (filter = {}) => {
        const { documents, rest } = candidates(filter);
        return evaluateCount(documents, rest);
      },
    };
  }

  async applyBatch(): Promise<ApplyBatchResult> {
    throw new ReadOnlyError('applyBatch');
  }

  /** Every folded projection is exactly at the view's position. */
  async getCheckpoint(): Promise<number> {
    return this.position;
  }

  async deleteCheckpoint(): Promise<void> {
    throw new ReadOnlyError('deleteCheckpoint');
  }

  async switchAlias(): Promise<{ previous: string }> {
    throw new ReadOnlyError('switchAlias');
  }

  async resolveAlias(name: string): Promise<string> {
    return name;
  }

  async removeAlias(): Promise<void> {
    throw new ReadOnlyError('removeAlias');
  }

  async dropCollection(): Promise<void> {
    throw new ReadOnlyError('dropCollection');
  }

  async listCollections(): Promise<string[]> {
    return [...this.collections.keys()].filter((name) => (this.collections.get(name)?.size ?? 0) > 0).sort();
  }

  async ensureIndexes(): Promise<void> {
    // In memory: nothing to index.
  }

  async health(): Promise<ReadStoreHealth> {
    return { backend: 'sqlite', reachable: true, detail: `in memory, as of position ${this.position}` };
  }

  async close(): Promise<void> {
    // Nothing to release: the documents belong to the engine's cache.
  }
}

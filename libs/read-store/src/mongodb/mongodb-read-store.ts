import { MongoClient, MongoNetworkError, MongoServerError, MongoServerSelectionError, type Db } from 'mongodb';
import { CollectionInUseError, ReadStoreUnavailableError } from '../read-store.errors';
import {
  assertAliasable,
  assertCheckpoint,
  assertCollectionName,
  assertFindOptions,
  assertProjectionName,
  coalesceWrites,
  RESERVED_PREFIX,
} from '../read-store-input';
import type {
  ApplyBatchResult,
  CollectionValidator,
  DocumentWrite,
  FindOptions,
  IndexSpec,
  ReadCollection,
  ReadDocument,
  ReadFilter,
  ReadStore,
  ReadStoreBatch,
  ReadStoreHealth,
  StoredDocument,
  SwitchAliasOptions,
  ValidatorOutcome,
} from '../read-store.port';
import type { MongoReadStoreOptions } from './mongodb-read-store-options';
import { applyValidator, dropView, pointView, type OptionalFeatures } from './mongodb-optional-features';
import { writeCollection } from './mongodb-writes';
import { controlRemove, controlUpsert, type WriteFence } from './mongodb-lease';

interface CheckpointDocument {
  _id: string;
  position: number;
}
interface AliasDocument {
  _id: string;
  target: string;
}

const NAMESPACE_NOT_FOUND = 26;

/** Connection trouble surfaces as one typed error, so the API can answer 503 without knowing the driver. */
const guard = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) {
      throw new ReadStoreUnavailableError(`MongoDB read store: ${what} failed: ${error.message}`, error);
    }
    throw error;
  }
};

/**
 * The read store on MongoDB or FerretDB, with no transactions and no change streams (FerretDB 1.x has neither).
 * A batch writes its documents first, each guarded by `_position` (see mongodb-writes.ts), and its checkpoint
 * last: a crash in between leaves the checkpoint behind, and the replay it causes changes nothing.
 * Aliases live in one small collection and are looked up at every call, so a switch made by the projector
 * process is seen by the API process at its next query. Readers outside this port (BI tools) get the same
 * switch through a view named after the alias where the server has views, or resolve the alias document
 * themselves where it has not (FerretDB 1.x): docs/read-models/README.md.
 */
export class MongoReadStore implements ReadStore {
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly features: OptionalFeatures = { views: undefined, validators: undefined };

  constructor(options: MongoReadStoreOptions) {
    // The driver connects lazily on first use; a short server selection makes an outage fail fast.
    this.client = new MongoClient(options.uri, { serverSelectionTimeoutMS: 5_000, ...options.clientOptions });
    this.db = this.client.db(options.dbName);
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    assertCollectionName(name);
    const find = async (filter: ReadFilter, options: FindOptions = {}): Promise<StoredDocument<T>[]> => {
      assertFindOptions(options);
      return guard('find', async () => {
        const { sort, skip, limit, projection } = options;
        const documents = await this.db
          .collection(await this.resolve(name))
          .find(filter, { sort, skip, limit, projection })
          .toArray();
        return documents as unknown as StoredDocument<T>[];
      });
    };
    return {
      name,
      find,
      findOne: async (filter) => (await find(filter, { limit: 1 }))[0] ?? null,
      // Nothing held between requests to remember results by: each is derived from the documents as read.
      findDerived: async (filter, options, derivation) =>
        (await find(filter, options)).map((document) => derivation.derive(document)),
      count: async (filter = {}) =>
        guard('count', async () => this.db.collection(await this.resolve(name)).countDocuments(filter)),
    };
  }

  async applyBatch(batch: ReadStoreBatch): Promise<ApplyBatchResult> {
    const writes = coalesceWrites(batch.writes);
    if (batch.checkpoint !== undefined) assertCheckpoint(batch.checkpoint);
    return guard('applyBatch', async () => {
      this.fence?.assertHeld('applyBatch');
      const physical = await this.resolveMany([...new Set(writes.map((write) => write.collection))]);
      // Again after resolving: two names may lead to one collection, and each document must get one write.
      const byCollection = new Map<string, DocumentWrite[]>();
      for (const write of coalesceWrites(
        writes.map((w) => ({ ...w, collection: physical.get(w.collection) ?? w.collection })),
      )) {
        const share = byCollection.get(write.collection);
        if (share === undefined) byCollection.set(write.collection, [write]);
        else share.push(write);
      }
      // One collection after another: parallel update commands could exhaust FerretDB's pool (mongodb-writes.ts).
      let applied = 0;
      for (const [target, share] of byCollection)
        applied += await writeCollection(this.db.collection<ReadDocument>(target), share);
      // Only after every document write succeeded: the checkpoint never runs ahead of the documents.
      if (batch.checkpoint !== undefined)
        await this.advanceCheckpoint(batch.checkpoint.projection, batch.checkpoint.position);
      return { applied, skipped: writes.length - applied };
    });
  }

  async getCheckpoint(projection: string): Promise<number> {
    assertProjectionName(projection);
    return guard('getCheckpoint', async () => (await this.checkpoints().findOne({ _id: projection }))?.position ?? 0);
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    assertProjectionName(projection);
    return guard('deleteCheckpoint', async () => {
      await controlRemove(this.checkpoints(), this.fence, projection, 'position');
    });
  }

  async switchAlias(alias: string, target: string, options: SwitchAliasOptions = {}): Promise<{ previous: string }> {
    assertCollectionName(alias);
    assertCollectionName(target);
    if (options.checkpoint !== undefined) assertCheckpoint(options.checkpoint);
    return guard('switchAlias', async () => {
      const aliases = this.aliases();
      assertAliasable(
        alias,
        target,
        (await aliases.findOne({ _id: target, target: { $exists: true } })) !== null,
        (await aliases.findOne({ target: alias })) !== null,
      );
      // One single-document write: every reader sees either the old or the new collection, never a mix.
      const before = await controlUpsert(this.aliases(), this.fence, alias, { $set: { target } });
      // After the switch, not before: if the process dies in between, the live projection resumes from its
      // older checkpoint into the new collection, where the `_position` guard skips what is already there.
      if (options.checkpoint !== undefined) {
        await controlUpsert(this.checkpoints(), this.fence, options.checkpoint.projection, {
          $set: { position: options.checkpoint.position },
        });
      }
      // Last: the switch is done for this port's readers whatever the view does; a server without views (or one
      // that refuses this one) leaves the alias document as the stable name.
      await pointView(this.db, alias, target, this.features);
      return { previous: before?.target ?? alias };
    });
  }

  async resolveAlias(name: string): Promise<string> {
    assertCollectionName(name);
    return guard('resolveAlias', () => this.resolve(name));
  }

  async removeAlias(alias: string): Promise<void> {
    assertCollectionName(alias);
    return guard('removeAlias', async () => {
      await controlRemove(this.aliases(), this.fence, alias, 'target');
      await dropView(this.db, alias, this.features);
    });
  }

  async dropCollection(name: string): Promise<void> {
    assertCollectionName(name);
    return guard('dropCollection', async () => {
      const aliases = await this.aliases().find({ target: name }).toArray();
      if (aliases.length > 0) throw new CollectionInUseError(name, aliases.map((alias) => alias._id).sort());
      // A drop cannot be conditioned by the server: the lease is read just before it instead (mongodb-lease.ts).
      await this.fence?.confirm(`drop ${name}`);
      try {
        await this.db.collection(name).drop();
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
      }
    });
  }

  async listCollections(): Promise<string[]> {
    return guard('listCollections', async () => {
      const all = await this.db.listCollections({}, { nameOnly: true }).toArray();
      return all
        .filter((c) => c.type !== 'view')
        .map((c) => c.name)
        .filter((name) => !name.startsWith(RESERVED_PREFIX) && !name.startsWith('system.'))
        .sort();
    });
  }

  async ensureIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(collection);
    if (indexes.length === 0) return;
    return guard('ensureIndexes', async () => {
      await this.db
        .collection(await this.resolve(collection))
        .createIndexes(indexes.map((index) => ({ key: index.keys, name: index.name })));
    });
  }

  async ensureValidator(collection: string, validator: CollectionValidator): Promise<ValidatorOutcome> {
    assertCollectionName(collection);
    return guard('ensureValidator', async () =>
      applyValidator(this.db, await this.resolve(collection), validator, this.features),
    );
  }

  /** What this server turned out to support so far (undefined: not tried yet). */
  optionalFeatures(): Readonly<OptionalFeatures> {
    return { ...this.features };
  }

  async health(): Promise<ReadStoreHealth> {
    try {
      await this.db.command({ ping: 1 });
      return { backend: 'mongodb', reachable: true, detail: this.db.databaseName };
    } catch (error) {
      return { backend: 'mongodb', reachable: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private fence: WriteFence | undefined;

  /**
   * From now on checkpoint and alias writes carry the fencing token of `fence` and the server refuses them once a
   * newer holder's token is stored (the projector lease, mongodb-lease.ts). Without it nothing is fenced.
   */
  fenceWith(fence: WriteFence): void {
    this.fence = fence;
  }

  private checkpoints() {
    return this.db.collection<CheckpointDocument>(`${RESERVED_PREFIX}checkpoints`);
  }

  private aliases() {
    return this.db.collection<AliasDocument>(`${RESERVED_PREFIX}aliases`);
  }

  private async resolve(name: string): Promise<string> {
    return (await this.aliases().findOne({ _id: name }))?.target ?? name;
  }

  private async resolveMany(names: string[]): Promise<Map<string, string>> {
    const found =
      names.length === 0
        ? []
        : await this.aliases()
            .find({ _id: { $in: names } })
            .toArray();
    return new Map(found.map((alias) => [alias._id, alias.target]));
  }

  private async advanceCheckpoint(projection: string, position: number): Promise<void> {
    // $max: a replayed older batch never pulls the checkpoint back (controlUpsert retries a first-upsert race).
    await controlUpsert(this.checkpoints(), this.fence, projection, { $max: { position } });
  }
}

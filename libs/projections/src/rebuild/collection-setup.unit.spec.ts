import {
  EmbeddedReadStore,
  ReadStoreUnavailableError,
  type CollectionValidator,
  type IndexSpec,
  type ReadStore,
  type ValidatorOutcome,
} from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import { problemsProjection } from '../problems/problems.projection';
import { projectLibraryProjection } from '../project-library/project-library.projection';
import { prepareCollection, prepareLiveCollection, READ_MODEL_VALIDATION } from './collection-setup';
import { toMongoJsonSchema } from './mongo-json-schema';
import { READ_MODEL_SCHEMAS } from './read-model-schemas';

/** An embedded store that records what a MongoDB store would be asked to create, and may fail on demand. */
const recordingStore = (fail?: { indexes?: Error; validator?: ValidatorOutcome }) => {
  const store = new EmbeddedReadStore({ filePath: ':memory:' });
  const calls: { indexes: [string, IndexSpec[]][]; validators: [string, CollectionValidator][] } = {
    indexes: [],
    validators: [],
  };
  const recording: ReadStore = Object.assign(Object.create(store) as ReadStore, {
    ensureIndexes: async (collection: string, indexes: readonly IndexSpec[]) => {
      calls.indexes.push([collection, [...indexes]]);
      if (fail?.indexes) throw fail.indexes;
    },
    ensureValidator: async (collection: string, validator: CollectionValidator): Promise<ValidatorOutcome> => {
      calls.validators.push([collection, validator]);
      return fail?.validator ?? { applied: true };
    },
  });
  return { store: recording, calls, close: () => store.close() };
};

const logger = () => {
  const lines: string[] = [];
  return {
    lines,
    log: (m: string) => lines.push(`log ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  };
};

describe('giving a collection its indexes and validator', () => {
  it('sets the published schema as a warn-only strict validator, then creates each declared index on its own', async () => {
    const { store, calls, close } = recordingStore();
    try {
      await prepareCollection(store, projectLibraryProjection, 'project_library_v1_rebuild_3');
      expect(calls.validators).toEqual([
        [
          'project_library_v1_rebuild_3',
          { jsonSchema: toMongoJsonSchema(READ_MODEL_SCHEMAS.project_library), level: 'strict', action: 'warn' },
        ],
      ]);
      expect(READ_MODEL_VALIDATION).toEqual({ level: 'strict', action: 'warn' });
      // One createIndexes per index: FerretDB 1.24 panics on a command of several indexes that all exist.
      expect(calls.indexes).toEqual(
        projectLibraryProjection.indexes!.map((index) => ['project_library_v1_rebuild_3', [index]]),
      );
    } finally {
      await close();
    }
  });

  it('declares indexes on the fields the api filters and sorts on', () => {
    const keys = (collection: string) =>
      ALL_PROJECTIONS.find((p) => p.collection === collection)!.indexes!.map((i) => Object.keys(i.keys).join(','));
    expect(keys('project_library')).toEqual(
      expect.arrayContaining([
        'city',
        'stage',
        'status',
        'industry',
        'introducerUnits',
        'targetYear,countsTowardTarget',
        'name,_id',
        'registeredOn,_id',
      ]),
    );
    expect(keys('problems')).toEqual(expect.arrayContaining(['projectId', 'assignedUnit,raisedOn', 'status,raisedOn']));
    expect(keys('investor_library')).toEqual(expect.arrayContaining(['rankings', 'country', 'name,_id']));
    expect(keys('park_library')).toEqual(expect.arrayContaining(['city', 'level', 'name,_id']));
    expect(keys('exchange_rates')).toEqual([]);
  });

  it('on the live collection: logs a validator the server could not apply and goes on', async () => {
    const { store, calls, close } = recordingStore({ validator: { applied: false, reason: 'NotImplemented: no' } });
    const log = logger();
    try {
      await prepareLiveCollection(store, problemsProjection, log);
      expect(calls.validators.map(([collection]) => collection)).toEqual(['problems']);
      expect(calls.indexes).toHaveLength(problemsProjection.indexes!.length);
      expect(log.lines).toEqual(['log problems: no document validator (NotImplemented: no)']);
    } finally {
      await close();
    }
  });

  it('on the live collection: warns when the server refuses an index, but throws when the store is unreachable', async () => {
    const refused = recordingStore({ indexes: new Error('IndexOptionsConflict') });
    const log = logger();
    try {
      await expect(prepareLiveCollection(refused.store, problemsProjection, log)).resolves.toBeUndefined();
      expect(log.lines).toEqual(['warn problems: could not create its indexes: IndexOptionsConflict']);
    } finally {
      await refused.close();
    }
    const down = recordingStore({ indexes: new ReadStoreUnavailableError('down') });
    try {
      await expect(prepareLiveCollection(down.store, problemsProjection, logger())).rejects.toBeInstanceOf(
        ReadStoreUnavailableError,
      );
    } finally {
      await down.close();
    }
  });

  it('does nothing a store without validators cannot do (the embedded default)', async () => {
    const store = new EmbeddedReadStore({ filePath: ':memory:' });
    try {
      expect((store as ReadStore).ensureValidator).toBeUndefined();
      await expect(prepareCollection(store, projectLibraryProjection, 'project_library_v1')).resolves.toEqual({
        validator: undefined,
      });
    } finally {
      await store.close();
    }
  });
});

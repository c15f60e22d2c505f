import { LRUCache } from 'lru-cache';
import type { EventStore, RecordedEvent } from '@itp/event-store';
import type { ReadStore, StoredDocument } from '@itp/read-store';
import { ALL_PROJECTIONS } from '../all-projections';
import type { Projection } from '../projection';
import { AsOfSnapshots } from './as-of-snapshots';
import { deepFreeze, FrozenReadStore, type FoldedCollections } from './frozen-read-store';

/** "As of" is always recorded time (or a position of the log), never a business date. */
export type AsOfBound = { position: number } | { instant: string };

/** The read models as the log up to `position` folds them. */
export interface AsOfView {
  store: ReadStore;
  /** The last event folded (0: none, the log was empty then). */
  position: number;
  /** Its recorded time (null at position 0). */
  recordedAt: string | null;
  /** The instant the answer is as of: the instant asked, or the recorded time of `position` when a position was. */
  instant: string | null;
  /** Projections whose evolve failed on an event up to `position`: they stay before it, as the live runner does. */
  stopped: { projection: string; position: number; error: string }[];
}

export interface AsOfEngineOptions {
  eventStore: EventStore;
  /** Defaults to ALL_PROJECTIONS. */
  projections?: readonly Projection[];
  /** Where snapshots are kept; without it the engine keeps folded states in memory only. */
  snapshotDir?: string;
  /** A snapshot every this many events of the log (default 50,000). */
  snapshotEvery?: number;
  /** Disk budget of the snapshot file (default 1 GiB): least recently used snapshots go beyond it. */
  snapshotBudgetBytes?: number;
  /** Folded states kept in memory (default 6), the most recently used. */
  cachedStates?: number;
}

interface FoldState {
  position: number;
  recordedAt: string | null;
  eventId: string | null;
  /** Events of the log up to `position`. */
  events: number;
  collections: FoldedCollections;
  stopped: Map<string, { position: number; error: string }>;
}

export const DEFAULT_SNAPSHOT_EVERY = 50_000;
export const DEFAULT_SNAPSHOT_BUDGET_BYTES = 1024 * 1024 * 1024;

/** Names and versions of the folded projections: a snapshot is only ever read by the same folds. */
const fingerprintOf = (projections: readonly Projection[]): string =>
  projections
    .map((p) => `${p.name}@${p.version}:${p.collection}`)
    .sort()
    .join(',');

const emptyState = (projections: readonly Projection[]): FoldState => ({
  position: 0,
  recordedAt: null,
  eventId: null,
  events: 0,
  collections: new Map(projections.map((p) => [p.collection, new Map<string, StoredDocument>()])),
  stopped: new Map(),
});

/** A copy to fold on: its own maps, the (frozen) documents shared. */
const fork = (state: FoldState): FoldState => ({
  ...state,
  collections: new Map([...state.collections].map(([name, documents]) => [name, new Map(documents)])),
  stopped: new Map(state.stopped),
});

const normaliseInstant = (instant: string): string => {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instant}`);
  return new Date(ms).toISOString();
};

/**
 * The time machine: the read models as of any position of the log, or any recorded instant (the last event
 * recorded at or before it), folded by the projections' own `evolve`, the same pure code the runner folds the
 * live read models with. Never a second implementation, and never a business date.
 *
 * Speed: a fold starts from the nearest state at or before the bound, in memory (an LRU of recently folded
 * states) or on disk (snapshots every `snapshotEvery` events, written by whichever fold passes one, see
 * AsOfSnapshots), and folds only the events after it. Recorded times never decrease along the log (both stores
 * guarantee it), so a state at position p serves any instant at or after the recorded time of p.
 */
export class AsOfEngine {
  private readonly projections: readonly Projection[];
  private readonly every: number;
  private readonly snapshots: AsOfSnapshots | undefined;
  private readonly states: LRUCache<number, FoldState>;
  private checkedSnapshots = false;

  constructor(private readonly options: AsOfEngineOptions) {
    this.projections = options.projections ?? ALL_PROJECTIONS;
    this.every = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    this.snapshots =
      options.snapshotDir === undefined
        ? undefined
        : new AsOfSnapshots(
            options.snapshotDir,
            fingerprintOf(this.projections),
            options.snapshotBudgetBytes ?? DEFAULT_SNAPSHOT_BUDGET_BYTES,
          );
    this.states = new LRUCache({ max: options.cachedStates ?? 6 });
  }

  /**
   * The read models as of the bound. `fromScratch` folds the whole log up to it and trusts no cached state nor
   * snapshot (a publication's verification: a fold of the log as it is now).
   */
  async at(bound: AsOfBound, options: { fromScratch?: boolean } = {}): Promise<AsOfView> {
    const instant = 'instant' in bound ? normaliseInstant(bound.instant) : undefined;
    const toPosition = 'position' in bound ? bound.position : undefined;
    const base = options.fromScratch ? emptyState(this.projections) : await this.nearest(toPosition, instant);
    const state =
      base.position === toPosition ? base : await this.foldFrom(base, toPosition, instant, !options.fromScratch);
    if (!options.fromScratch) this.states.set(state.position, state);
    return {
      store: new FrozenReadStore(state.collections, state.position),
      position: state.position,
      recordedAt: state.recordedAt,
      instant: instant ?? state.recordedAt,
      stopped: [...state.stopped].map(([projection, failure]) => ({ projection, ...failure })),
    };
  }

  /**
   * The log between two positions, event by event: the read models as of `from` are folded (as `at` does), then
   * each event after it up to `to` is applied and yielded with the read models just after it. The view is only
   * valid until the next iteration (it is folded on in place); documents stay frozen, so what was read from it
   * stays as it was. `handled` says whether any folded projection handles the event (if not, nothing changed).
   */
  async *replay(
    from: number,
    to: number,
  ): AsyncGenerator<{ event: RecordedEvent; store: ReadStore; handled: boolean }, void, undefined> {
    await this.at({ position: from });
    const base = this.states.get(from) ?? (await this.nearest(from, undefined));
    const state = base.position === from ? fork(base) : await this.foldFrom(base, from, undefined, false);
    const store = new FrozenReadStore(state.collections, state.position);
    for await (const event of this.options.eventStore.readAll({ fromPosition: from, toPosition: to })) {
      this.apply(state, event);
      yield { event, store, handled: this.projections.some((p) => p.handles.has(event.type)) };
    }
  }

  /** Folds the whole log, writing every snapshot on the way (a warm-up before the first question). */
  async warm(): Promise<{ position: number; events: number }> {
    const state = await this.foldFrom(await this.nearest(undefined, undefined), undefined, undefined, true);
    this.states.set(state.position, state);
    return { position: state.position, events: state.events };
  }

  /** Snapshots kept, and the bytes they take. */
  snapshotUsage(): { snapshots: number; bytes: number } {
    if (this.snapshots === undefined) return { snapshots: 0, bytes: 0 };
    return { snapshots: this.snapshots.list().length, bytes: this.snapshots.totalBytes() };
  }

  close(): void {
    this.states.clear();
    this.snapshots?.close();
  }

  /** The latest state at or before the bound: from memory, else from a snapshot, else the empty log. */
  private async nearest(toPosition: number | undefined, instant: string | undefined): Promise<FoldState> {
    const fits = (position: number, recordedAt: string | null): boolean =>
      (toPosition === undefined || position <= toPosition) &&
      (instant === undefined || recordedAt === null || recordedAt <= instant);
    let best: FoldState | undefined;
    for (const state of this.states.values())
      if (fits(state.position, state.recordedAt) && (best === undefined || state.position > best.position))
        best = state;
    if (this.snapshots !== undefined) {
      await this.checkSnapshots();
      const candidates = this.snapshots.list().filter((entry) => fits(entry.position, entry.recordedAt));
      const snapshot = candidates[candidates.length - 1];
      if (snapshot !== undefined && (best === undefined || snapshot.position > best.position)) {
        const collections = this.snapshots.load(snapshot.position);
        if (collections !== undefined) {
          for (const documents of collections.values()) for (const document of documents.values()) deepFreeze(document);
          for (const projection of this.projections)
            if (!collections.has(projection.collection)) collections.set(projection.collection, new Map());
          best = {
            position: snapshot.position,
            recordedAt: snapshot.recordedAt,
            eventId: snapshot.eventId,
            events: snapshot.events,
            collections,
            stopped: new Map(),
          };
          // Not cached itself: the answer folded from it is, and a snapshot is one read away.
        }
      }
    }
    return best ?? emptyState(this.projections);
  }

  /**
   * Once per engine: the newest snapshot must still name the log's own event at its position. If it does not
   * (the data directory was restored or replaced), every snapshot is dropped and folds start from the log.
   */
  private async checkSnapshots(): Promise<void> {
    if (this.checkedSnapshots || this.snapshots === undefined) return;
    this.checkedSnapshots = true;
    const newest = this.snapshots.list().at(-1);
    if (newest === undefined || newest.position === 0) return;
    let found: RecordedEvent | undefined;
    for await (const event of this.options.eventStore.readAll({
      fromPosition: newest.position - 1,
      toPosition: newest.position,
      maxCount: 1,
    }))
      found = event;
    if (found?.id !== newest.eventId) this.snapshots.clear();
  }

  private async foldFrom(
    base: FoldState,
    toPosition: number | undefined,
    toRecordedAt: string | undefined,
    snapshot: boolean,
  ): Promise<FoldState> {
    const state = fork(base);
    for await (const event of this.options.eventStore.readAll({
      fromPosition: base.position,
      toPosition,
      toRecordedAt,
    })) {
      this.apply(state, event);
      if (snapshot && this.snapshots !== undefined && state.events % this.every === 0)
        this.snapshots.save(
          {
            position: state.position,
            recordedAt: state.recordedAt,
            eventId: state.eventId,
            events: state.events,
          },
          state.collections,
        );
    }
    return state;
  }

  /**
   * One event through every projection that handles it, as the runner's PendingFold folds it: the documents it
   * names, each evolved from its current state (null when absent) and written at the event's position, or
   * deleted when evolve answers null; all of an event's documents change or none. A projection whose evolve
   * throws stops before that event, as the live runner stops it.
   */
  private apply(state: FoldState, event: RecordedEvent): void {
    state.position = event.position;
    state.recordedAt = event.recordedAt;
    state.eventId = event.id;
    state.events += 1;
    for (const projection of this.projections) {
      if (!projection.handles.has(event.type) || state.stopped.has(projection.name)) continue;
      const documents = state.collections.get(projection.collection)!;
      try {
        const next: [string, StoredDocument | null][] = [];
        for (const id of projection.documentIds(event)) {
          const evolved = projection.evolve(documents.get(id) ?? null, event);
          if (evolved !== null && evolved._id !== id)
            throw new Error(`evolve returned a document with _id ${JSON.stringify(evolved._id)} for ${id}`);
          next.push([id, evolved === null ? null : deepFreeze({ ...evolved, _position: event.position })]);
        }
        for (const [id, document] of next) {
          if (document === null) documents.delete(id);
          else documents.set(id, document);
        }
      } catch (error) {
        state.stopped.set(projection.name, {
          position: event.position,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}

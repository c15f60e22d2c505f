import { LRUCache } from 'lru-cache';
import type { EventStore, RecordedEvent } from '@itp/event-store';
import type { ReadStore, StoredDocument } from '@itp/read-store';
import { withinHeap } from '@itp/read-store/embedded/document-cache';
import { onHeapPressure, relieveHeapPressure } from '@itp/read-store/embedded/heap-pressure';
import { ALL_PROJECTIONS } from '../all-projections';
import type { Projection } from '../projection';
import { AsOfSnapshots, loadedDocumentBytes } from './as-of-snapshots';
import { deepFreeze, FrozenReadStore } from './frozen-read-store';

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
  /**
   * A snapshot every this many events of the log, for every projection. Default: DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION,
   * else DEFAULT_SNAPSHOT_EVERY.
   */
  snapshotEvery?: number;
  /** Disk budget of the snapshot file (default 2 GiB): least recently used snapshots go beyond it. */
  snapshotBudgetBytes?: number;
  /** Read the snapshots, never write, evict or clear them (a second process beside the api that owns them). */
  snapshotsReadOnly?: boolean;
  /**
   * Folded states kept in memory, the most recently used, up to this many bytes of their documents' JSON (default
   * DEFAULT_CACHED_BYTES), estimated when a state is kept: a document loaded from a snapshot counts its light part
   * and its series if they were read, the others a sample's average. A state larger than the bound is not kept.
   */
  cachedBytes?: number;
  /** Instead of cachedBytes: at most this many documents (a test's or a benchmark's bound). */
  cachedDocuments?: number;
}

/** Options of one question: the read models it needs (projection names; default all), and trust. */
export interface AsOfOptions {
  /** Names of the projections to fold (`READ_MODEL` in the api): only their collections are in the view. */
  projections?: readonly string[];
  /** Fold the whole log up to the bound, trusting no cached state nor snapshot (a publication's verification). */
  fromScratch?: boolean;
}

/** One projection's documents as the log up to `position` folds them. */
interface ProjectionState {
  projection: Projection;
  position: number;
  recordedAt: string | null;
  eventId: string | null;
  /** Events of the log up to `position`. */
  events: number;
  documents: Map<string, StoredDocument>;
  stopped?: { position: number; error: string };
}

export const DEFAULT_SNAPSHOT_EVERY = 12_500;
/**
 * Denser snapshots where folding costs most: a project-library event evolves a project whose series (its monthly
 * progress, a hundred entries at 1M events) must first be read and parsed, about 0.1 ms an event against a few
 * microseconds for the other projections. Every 2,500 events cuts the longest fold of the bulletin, targets and
 * assessment from 12,500 events to 2,500; a snapshot of 10,000 projects costs 2 MB of body and the series rows of
 * the projects changed since the one before. From 5,000 to 2,500 (1M events, benchmarks/as-of-api.bench.ts, two
 * interleaved pairs): every as-of read over HTTP 218-241 ms on average against 435-446 ms, because a state folded
 * from a nearer snapshot holds fewer projects with their series parsed and then fits the kept states' bound (6 % of
 * a 320 MB heap); 1.64 GB of snapshot file against 1.21 GB (the README, "For auditors", question 1).
 */
export const DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION: Readonly<Record<string, number>> = { 'project-library': 2_500 };
export const DEFAULT_SNAPSHOT_BUDGET_BYTES = 2048 * 1024 * 1024;
/**
 * The in-memory states' bound: 128 MiB of JSON (one state of 10,000 projects at 1,000,000 events, series read), or a
 * 6 % of the heap limit when that is smaller (`--max-old-space-size=320`: 23 MB; see withinHeap).
 */
export const DEFAULT_CACHED_BYTES = 128 * 1024 * 1024;

/** JSON bytes of a document, once per (frozen) document. */
const jsonBytes = new WeakMap<object, number>();
const SAMPLE = 32;

/** The estimated bytes of JSON a state's documents hold in memory (shared documents count in every state). */
const stateBytes = (state: ProjectionState): number => {
  let bytes = 0;
  const others: StoredDocument[] = [];
  for (const document of state.documents.values()) {
    const loaded = loadedDocumentBytes(document);
    if (loaded === undefined) others.push(document);
    else bytes += loaded;
  }
  if (others.length > 0) {
    const step = Math.max(1, Math.floor(others.length / SAMPLE));
    let sampled = 0;
    let count = 0;
    for (let i = 0; i < others.length; i += step, count += 1) {
      const document = others[i];
      let size = jsonBytes.get(document);
      if (size === undefined) jsonBytes.set(document, (size = JSON.stringify(document).length));
      sampled += size;
    }
    bytes += (sampled / count) * others.length;
  }
  return Math.max(1, Math.round(bytes));
};
/** Events a fold gets through in the time a snapshot of 10,000 projects takes to load (measured at 1M events). */
const SNAPSHOT_LOAD_EVENTS = 15_000;

/** How often a fold looks at the heap (the check reads V8's record at most every 100 ms: a few microseconds). */
const RELIEF_CHECK_EVENTS = 1_000;

/** Name, version and collection: a snapshot is only ever read by the same fold. */
const fingerprintOf = (p: Projection): string => `${p.name}@${p.version}:${p.collection}`;

const emptyState = (projection: Projection): ProjectionState => ({
  projection,
  position: 0,
  recordedAt: null,
  eventId: null,
  events: 0,
  documents: new Map(),
});

/** A copy to fold on: its own map, the (frozen) documents shared. */
const fork = (state: ProjectionState): ProjectionState => ({ ...state, documents: new Map(state.documents) });

export class AsOfEngineClosedError extends Error {
  override readonly name = 'AsOfEngineClosedError';
  constructor() {
    super('The as-of engine was closed during a fold');
  }
}

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
 * Each projection is folded on its own (its documents only ever depend on its own events), and a question folds
 * only the projections it reads. Speed: each projection's fold starts from its nearest state at or before the
 * bound, in memory (an LRU of recently folded states, bounded by the bytes of their documents) or on disk (snapshots every
 * `snapshotEvery` events, written by whichever fold passes one, see AsOfSnapshots); the log is read once from
 * the earliest of them. Recorded times never decrease along the log (both stores guarantee it), so a state at
 * position p serves any instant at or after the recorded time of p.
 */
export class AsOfEngine {
  private readonly projections: readonly Projection[];
  private readonly every: (projection: Projection) => number;
  private readonly snapshots: AsOfSnapshots | undefined;
  private readonly states: LRUCache<string, ProjectionState>;
  private checkedSnapshots: Promise<void> | undefined;
  private closed = false;
  /** Unregisters the release of this engine's caches when the heap runs short (heap-pressure.ts). */
  private readonly stopRelief: () => void;

  constructor(private readonly options: AsOfEngineOptions) {
    this.projections = options.projections ?? ALL_PROJECTIONS;
    const every = options.snapshotEvery;
    this.every = (projection) =>
      every ?? DEFAULT_SNAPSHOT_EVERY_BY_PROJECTION[projection.name] ?? DEFAULT_SNAPSHOT_EVERY;
    this.snapshots =
      options.snapshotDir === undefined
        ? undefined
        : new AsOfSnapshots(
            options.snapshotDir,
            options.snapshotBudgetBytes ?? DEFAULT_SNAPSHOT_BUDGET_BYTES,
            options.snapshotsReadOnly ?? false,
          );
    this.states =
      options.cachedDocuments !== undefined
        ? new LRUCache({ maxSize: options.cachedDocuments, sizeCalculation: (state) => state.documents.size + 1 })
        : new LRUCache({
            maxSize: options.cachedBytes ?? withinHeap(DEFAULT_CACHED_BYTES, 0.06),
            sizeCalculation: stateBytes,
          });
    // Recent answers and parsed parts are the first memory to give back: the next question reads its snapshot again.
    this.stopRelief = onHeapPressure(() => this.dropCaches());
  }

  /** Forgets the states kept in memory and the parts kept parsed (both are read again from snapshots as needed). */
  dropCaches(): void {
    this.states.clear();
    this.snapshots?.dropParsedParts();
  }

  /** The read models as of the bound: those of `options.projections`, or all. */
  async at(bound: AsOfBound, options: AsOfOptions = {}): Promise<AsOfView> {
    const instant = 'instant' in bound ? normaliseInstant(bound.instant) : undefined;
    const states = await this.fold(bound, options);
    const last = states.reduce((a, b) => (b.position > a.position ? b : a));
    return {
      store: new FrozenReadStore(new Map(states.map((s) => [s.projection.collection, s.documents])), last.position),
      position: last.position,
      recordedAt: last.recordedAt,
      instant: instant ?? last.recordedAt,
      stopped: states.flatMap((s) => (s.stopped ? [{ projection: s.projection.name, ...s.stopped }] : [])),
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
    options: Pick<AsOfOptions, 'projections'> = {},
  ): AsyncGenerator<{ event: RecordedEvent; store: ReadStore; handled: boolean }, void, undefined> {
    const states = (await this.fold({ position: from }, options)).map(fork);
    const store = new FrozenReadStore(new Map(states.map((s) => [s.projection.collection, s.documents])), from);
    for await (const event of this.options.eventStore.readAll({ fromPosition: from, toPosition: to })) {
      for (const state of states) this.apply(state, event);
      yield { event, store, handled: states.some((s) => s.projection.handles.has(event.type)) };
    }
  }

  /** Folds the whole log, writing every snapshot on the way (a warm-up before the first question). */
  async warm(options: Pick<AsOfOptions, 'projections'> = {}): Promise<{ position: number; events: number }> {
    const head = await this.options.eventStore.headPosition();
    const states = await this.fold({ position: head }, options);
    return { position: states[0].position, events: states[0].events };
  }

  /** Snapshots kept, and the bytes they take. */
  snapshotUsage(): { snapshots: number; bytes: number } {
    if (this.snapshots === undefined) return { snapshots: 0, bytes: 0 };
    return { snapshots: this.snapshots.count(), bytes: this.snapshots.totalBytes() };
  }

  /** Ends a fold under way (it rejects with AsOfEngineClosedError) and releases the snapshot file. */
  close(): void {
    this.closed = true;
    this.stopRelief();
    this.states.clear();
    this.snapshots?.close();
  }

  private selected(names: readonly string[] | undefined): readonly Projection[] {
    if (names === undefined) return this.projections;
    const selected = this.projections.filter((p) => names.includes(p.name));
    const unknown = names.filter((name) => !this.projections.some((p) => p.name === name));
    if (unknown.length > 0) throw new RangeError(`Unknown projection(s): ${unknown.join(', ')}`);
    return selected;
  }

  /** Each selected projection's state at the bound, read from the log once from the earliest base. */
  private async fold(bound: AsOfBound, options: AsOfOptions): Promise<ProjectionState[]> {
    const instant = 'instant' in bound ? normaliseInstant(bound.instant) : undefined;
    const toPosition = 'position' in bound ? bound.position : undefined;
    const projections = this.selected(options.projections);
    const bases = options.fromScratch
      ? projections.map(emptyState)
      : await Promise.all(projections.map((p) => this.nearest(p, toPosition, instant)));
    const done = toPosition !== undefined && bases.every((base) => base.position === toPosition);
    const states = done ? bases : bases.map(fork);
    if (!done) {
      const from = Math.min(...states.map((s) => s.position));
      const snapshot = !options.fromScratch && this.snapshots !== undefined;
      let read = 0;
      for await (const event of this.options.eventStore.readAll({
        fromPosition: from,
        toPosition,
        toRecordedAt: instant,
      })) {
        if (this.closed) throw new AsOfEngineClosedError();
        // A long fold is one request: the check made before each read cannot see the heap it fills meanwhile.
        // Counted here, not by position: EventStoreDB's positions are commit offsets, with gaps.
        read += 1;
        if (read % RELIEF_CHECK_EVENTS === 0) relieveHeapPressure();
        for (const state of states) {
          if (event.position <= state.position) continue;
          this.apply(state, event);
          if (snapshot && state.events % this.every(state.projection) === 0)
            this.snapshots!.save(
              fingerprintOf(state.projection),
              { position: state.position, recordedAt: state.recordedAt, eventId: state.eventId, events: state.events },
              state.documents,
            );
        }
      }
    }
    if (!options.fromScratch)
      for (const state of states) this.states.set(this.key(state.projection, state.position), state);
    return states;
  }

  private key(projection: Projection, position: number): string {
    return `${fingerprintOf(projection)}#${position}`;
  }

  /** A projection's latest state at or before the bound: from memory, else from a snapshot, else the empty log. */
  private async nearest(
    projection: Projection,
    toPosition: number | undefined,
    instant: string | undefined,
  ): Promise<ProjectionState> {
    const fits = (position: number, recordedAt: string | null): boolean =>
      (toPosition === undefined || position <= toPosition) &&
      (instant === undefined || recordedAt === null || recordedAt <= instant);
    let best: ProjectionState | undefined;
    for (const state of this.states.values())
      if (
        state.projection === projection &&
        fits(state.position, state.recordedAt) &&
        (best === undefined || state.position > best.position)
      )
        best = state;
    if (this.snapshots !== undefined) {
      await this.checkSnapshots();
      const fingerprint = fingerprintOf(projection);
      const candidates = this.snapshots.list(fingerprint).filter((entry) => fits(entry.position, entry.recordedAt));
      const snapshot = candidates[candidates.length - 1];
      // Loading a snapshot costs about what folding SNAPSHOT_LOAD_EVENTS events does: a state in memory a little
      // before it is the cheaper start.
      if (
        snapshot !== undefined &&
        (best === undefined ||
          snapshot.events - best.events > Math.min(SNAPSHOT_LOAD_EVENTS, this.every(projection) / 2))
      ) {
        const documents = this.snapshots.load(fingerprint, snapshot.position);
        if (documents !== undefined) {
          // Not cached itself: the answer folded from it is, and a snapshot is one read away.
          best = {
            projection,
            position: snapshot.position,
            recordedAt: snapshot.recordedAt,
            eventId: snapshot.eventId,
            events: snapshot.events,
            documents,
          };
        }
      }
    }
    return best ?? emptyState(projection);
  }

  /**
   * Once per engine: the newest snapshot must still name the log's own event at its position. If it does not
   * (the data directory was restored or replaced), every snapshot is dropped and folds start from the log.
   */
  private checkSnapshots(): Promise<void> {
    this.checkedSnapshots ??= this.checkNewestSnapshot();
    return this.checkedSnapshots;
  }

  private async checkNewestSnapshot(): Promise<void> {
    if (this.snapshots === undefined) return;
    const newest = Math.max(0, ...this.snapshots.positions());
    if (newest === 0) return;
    let found: RecordedEvent | undefined;
    for await (const event of this.options.eventStore.readAll({
      fromPosition: newest - 1,
      toPosition: newest,
      maxCount: 1,
    }))
      found = event;
    if (found?.id !== this.snapshots.eventIdAt(newest)) this.snapshots.clear();
  }

  /**
   * One event through one projection, as the runner's PendingFold folds it: the documents it names, each evolved
   * from its current state (null when absent) and written at the event's position, or deleted when evolve answers
   * null; all of an event's documents change or none. A projection whose evolve throws stops before that event,
   * as the live runner stops it. Every event moves the state's position, handled or not.
   */
  private apply(state: ProjectionState, event: RecordedEvent): void {
    state.position = event.position;
    state.recordedAt = event.recordedAt;
    state.eventId = event.id;
    state.events += 1;
    const { projection, documents } = state;
    if (!projection.handles.has(event.type) || state.stopped !== undefined) return;
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
      state.stopped = { position: event.position, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

import type { RecordedEvent } from '@itp/event-store';
import type { DocumentWrite, ReadDocument, ReadStore } from '@itp/read-store';
import type { Projection } from '../projection';
import { ProjectionEvolveError } from './projection-status';

interface Folded {
  document: ReadDocument | null;
  /** Position of the last event folded into `document` (its stored `_position` when loaded). */
  position: number;
  existed: boolean;
  changed: boolean;
  /** Loaded or folded in this window (not only carried over from the last one). */
  touched: boolean;
}

/** Ids per `find`: one query for a live batch; a bounded query size (and MongoDB document) for a catch-up window. */
const FIND_SLICE = 1000;

/**
 * The documents of one projection folded in memory since its last commit: batches of the log go in with `add`,
 * the writes come out once with `writes()`, each document written once with the position of the last event
 * that changed it, however many events it took.
 *
 * - Events at or below `after` (the committed checkpoint) and unhandled types are skipped.
 * - Documents are loaded once, the first time an event touches them, with `find({ _id: { $in } })`; an event
 *   is skipped for a document whose `_position` is at or beyond it (already folded: a replay).
 * - If the projection throws, every event before the failing one is folded and the error names the failing
 *   event: committing `writes()` up to just before it loses nothing and skips nothing.
 * - `collection` is where documents are read and written: the alias for the live model, a physical
 *   collection for a rebuild.
 */
export class PendingFold {
  /** In the order documents were last touched: the oldest first, so a carry-over keeps the most recent. */
  private readonly cache = new Map<string, Folded>();
  /** Log events (handled or not) that went in since the last commit. */
  events = 0;
  private touchedDocuments = 0;

  constructor(
    private readonly readStore: ReadStore,
    private readonly projection: Projection,
    private readonly collection: string,
  ) {}

  /** Documents this window loaded or changed: what the commit window bounds. */
  get documents(): number {
    return this.touchedDocuments;
  }

  /**
   * The next window's fold, starting from what this one has committed: up to `keep` documents (the most
   * recently touched) stay parsed in memory, so that a document touched again is not read back from the store
   * and parsed once more. Only after `writes()` committed: the carried documents are what the store holds.
   */
  carryOver(keep: number): PendingFold {
    const next = new PendingFold(this.readStore, this.projection, this.collection);
    if (keep <= 0) return next;
    const entries = [...this.cache.entries()];
    for (const [id, { document, position }] of entries.slice(Math.max(0, entries.length - keep))) {
      next.cache.set(id, { document, position, existed: document !== null, changed: false, touched: false });
    }
    return next;
  }

  async add(events: readonly RecordedEvent[], after: number): Promise<void> {
    this.events += events.length;
    const relevant: { event: RecordedEvent; ids: string[] }[] = [];
    let failure: ProjectionEvolveError | undefined;
    for (const event of events) {
      if (event.position <= after || !this.projection.handles.has(event.type)) continue;
      try {
        relevant.push({ event, ids: this.projection.documentIds(event) });
      } catch (error) {
        failure = evolveError(this.projection, event, error);
        break;
      }
    }
    await this.load(relevant.flatMap(({ ids }) => ids));
    for (const { event, ids } of relevant) this.fold(event, ids);
    if (failure !== undefined) throw failure;
  }

  writes(): DocumentWrite[] {
    const writes: DocumentWrite[] = [];
    for (const [id, folded] of this.cache) {
      if (!folded.changed) continue;
      if (folded.document !== null) {
        writes.push({
          kind: 'upsert',
          collection: this.collection,
          position: folded.position,
          document: folded.document,
        });
      } else if (folded.existed) {
        writes.push({ kind: 'delete', collection: this.collection, position: folded.position, id });
      }
    }
    return writes;
  }

  private async load(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.cache.has(id));
    for (const id of missing)
      this.cache.set(id, { document: null, position: 0, existed: false, changed: false, touched: true });
    this.touchedDocuments += missing.length;
    const handle = this.readStore.collection(this.collection);
    for (let start = 0; start < missing.length; start += FIND_SLICE) {
      for (const document of await handle.find({ _id: { $in: missing.slice(start, start + FIND_SLICE) } })) {
        this.cache.set(document._id, {
          document,
          position: document._position,
          existed: true,
          changed: false,
          touched: true,
        });
      }
    }
  }

  /** All documents of one event change, or none: a failure leaves the cache as it was before the event. */
  private fold(event: RecordedEvent, ids: readonly string[]): void {
    const next: [Folded, ReadDocument | null][] = [];
    for (const id of ids) {
      const folded = this.cache.get(id)!;
      if (event.position <= folded.position) continue;
      let document: ReadDocument | null;
      try {
        document = this.projection.evolve(folded.document, event);
      } catch (error) {
        throw evolveError(this.projection, event, error);
      }
      // A document filed under another id would be lost to the next load: a bug in the projection, reported as such.
      if (document !== null && document._id !== id) {
        throw evolveError(
          this.projection,
          event,
          new Error(
            `evolve returned a document with _id ${JSON.stringify(document._id)} for document ${JSON.stringify(id)}`,
          ),
        );
      }
      next.push([folded, document]);
    }
    for (const [folded, document] of next) {
      if (!folded.touched) this.touchedDocuments += 1;
      Object.assign(folded, { document, position: event.position, changed: true, touched: true });
    }
    // Most recently touched last: what a carry-over keeps.
    for (const id of ids) {
      const folded = this.cache.get(id)!;
      this.cache.delete(id);
      this.cache.set(id, folded);
    }
  }
}

const evolveError = (projection: Projection, event: RecordedEvent, error: unknown): ProjectionEvolveError =>
  new ProjectionEvolveError(
    projection.name,
    {
      position: event.position,
      eventId: event.id,
      eventType: event.type,
      streamId: event.streamId,
      error: error instanceof Error ? error.message : String(error),
      at: new Date().toISOString(),
    },
    error,
  );

import { DuplicateEventIdError } from '../event-store.errors';
import type { EventToAppend, ExpectedRevision } from '../event-store.port';

/**
 * Which event ids each stream holds, so that a retried append is recognised whatever expected revision it
 * carries, as the port requires. EventStoreDB alone does not: it checks stored ids only when the expected
 * revision is behind the stream (by revision) or 'any'/'stream_exists' (through an in-memory cache that a
 * restart or eviction empties); a retry sent with the stream's current revision would be appended again.
 *
 * Stored events never change, so an entry only grows: refreshing it reads just the revisions not seen yet,
 * usually none. Entries are kept in LRU order under a total of `maxIds` ids; an evicted stream is simply
 * read again. Limit: EventStoreDB has no index by event id, so an id stored in ANOTHER stream goes unnoticed.
 */

export interface StoredIdentity {
  id: string;
  revision: number;
  type: string;
}

/** The stored events of a stream from `fromRevision` on, oldest first ([] if none or no stream). */
export type ReadIdentities = (streamId: string, fromRevision: number) => Promise<StoredIdentity[]>;

export type StoredIdsVerdict =
  { kind: 'new' } | { kind: 'retry'; lastRevision: number } | { kind: 'clash'; error: DuplicateEventIdError };

interface Entry {
  /** First revision not read yet. */
  next: number;
  byId: Map<string, StoredIdentity>;
}

export class StreamIdIndex {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(
    private readonly read: ReadIdentities,
    private readonly maxIds = 200_000,
  ) {}

  /**
   * Judges `events` against what `streamId` holds. Without `refresh`, a cached entry that already covers the
   * expected revision is trusted: if the stream has moved on, the append fails on its revision and the
   * caller asks again with `refresh`.
   */
  async judge(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    refresh: boolean,
  ): Promise<StoredIdsVerdict> {
    const cached = this.entries.get(streamId);
    const covered =
      cached !== undefined && (expected === 'no_stream' || (typeof expected === 'number' && cached.next > expected));
    const entry = cached !== undefined && covered && !refresh ? cached : await this.refresh(streamId);
    this.touch(streamId, entry);
    return judgeStoredIds(streamId, events, (id) => entry.byId.get(id.toLowerCase()));
  }

  /** Records a successful append whose last event is at `lastRevision`, when it directly extends what is known. */
  recordAppend(streamId: string, events: readonly EventToAppend[], lastRevision: number): void {
    const entry = this.entries.get(streamId);
    if (entry === undefined || entry.next !== lastRevision - events.length + 1) return;
    events.forEach((event, index) => this.add(entry, { id: event.id, revision: entry.next + index, type: event.type }));
    entry.next = lastRevision + 1;
    this.evict();
  }

  private async refresh(streamId: string): Promise<Entry> {
    const entry = this.entries.get(streamId) ?? { next: 0, byId: new Map<string, StoredIdentity>() };
    for (const stored of await this.read(streamId, entry.next)) {
      this.add(entry, stored);
      entry.next = Math.max(entry.next, stored.revision + 1);
    }
    this.entries.set(streamId, entry);
    return entry;
  }

  private add(entry: Entry, stored: StoredIdentity): void {
    const key = stored.id.toLowerCase();
    if (!entry.byId.has(key)) this.size += 1;
    entry.byId.set(key, stored);
  }

  private touch(streamId: string, entry: Entry): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.evict();
  }

  private evict(): void {
    for (const [streamId, entry] of this.entries) {
      if (this.size <= this.maxIds || this.entries.size <= 1) return;
      this.entries.delete(streamId);
      this.size -= entry.byId.size;
    }
  }
}

/**
 * A retry resends the very events of an earlier append: all stored, one after another in this order, with
 * the same types; its answer is then the revision of the last of them. Anything in between (some ids stored,
 * another order) is a bug upstream, not a retry, and must not be papered over.
 */
export function judgeStoredIds(
  streamId: string,
  events: readonly EventToAppend[],
  lookup: (id: string) => StoredIdentity | undefined,
): StoredIdsVerdict {
  const stored = events.map((event) => lookup(event.id));
  const count = stored.filter((found) => found !== undefined).length;
  if (count === 0) return { kind: 'new' };
  const clash = (index: number, detail: string): StoredIdsVerdict => ({
    kind: 'clash',
    error: new DuplicateEventIdError(events[index].id, detail),
  });
  if (count < events.length) {
    return clash(
      stored.findIndex((found) => found !== undefined),
      `${count} of the ${events.length} events of this append are already in ${streamId}; a retry must resend exactly the original events`,
    );
  }
  const first = stored[0] as StoredIdentity;
  for (const [index, found] of stored.entries()) {
    if (found === undefined) continue;
    if (found.revision !== first.revision + index)
      return clash(index, `it is stored at revision ${found.revision} of ${streamId}, not in the order of this append`);
    if (found.type !== events[index].type)
      return clash(index, `it is stored as a ${found.type}, not a ${events[index].type}`);
  }
  return { kind: 'retry', lastRevision: (stored[stored.length - 1] as StoredIdentity).revision };
}

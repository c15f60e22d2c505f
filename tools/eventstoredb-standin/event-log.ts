import { randomUUID } from 'node:crypto';
import { ANY, checkCommit, type CommitDecision, type CommitView } from './commit-check';

/**
 * The stand-in's transaction file, in memory: one record after another at byte positions, as in
 * EventStoreDB's TFChunks. It belongs to the stand-in object, not to the gRPC server, so its data survives a
 * stop/start of the server (a restart empties only what a real node keeps in memory: the committed-ids cache).
 */

export interface StoredEvent {
  streamId: string;
  revision: bigint;
  /** Lower-case UUID. */
  id: string;
  type: string;
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch (what Streams.Read sends as `created`). */
  created: bigint;
  /** Log position of the event's own prepare record: commit = prepare for every gRPC append. */
  position: bigint;
}

export interface LogRecord {
  position: bigint;
  postPosition: bigint;
  /** Absent for records that are not events: the epoch record, the empty prepare of an empty append. */
  event?: StoredEvent;
}

export interface ProposedEvent {
  id: string;
  type: string;
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type WriteOutcome =
  /** lastEventNumber -1: the stream still has no events (an empty append to a missing stream). */
  | { kind: 'written' | 'idempotent'; lastEventNumber: bigint; position: bigint }
  | { kind: 'wrong-expected-version'; currentVersion: bigint };

/** Size of a 7-bit length prefix (BinaryWriter) plus the UTF-8 string. */
const stringSize = (text: string): number => {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes + (bytes < 0x80 ? 1 : bytes < 0x4000 ? 2 : bytes < 0x200000 ? 3 : 4);
};

/** PrepareLogRecord.SizeOnDisk (src/EventStore.Core/TransactionLog/LogRecords/PrepareLogRecord.cs), LogV2. */
export function prepareSize(streamId: string, type: string, data: Uint8Array, metadata: Uint8Array): number {
  const fixed =
    8 /* length prefix+suffix */ +
    1 +
    1 +
    8 +
    2 +
    8 +
    4 +
    8 /* type..expected version */ +
    16 +
    16 +
    8 /* ids, time */ +
    4 +
    4;
  return fixed + stringSize(streamId) + stringSize(type) + data.length + metadata.length;
}

/** Current time in ticks, with sub-millisecond digits as a real node's DateTime.UtcNow has them. */
export const nowTicks = (): bigint => BigInt(Math.round((performance.timeOrigin + performance.now()) * 10_000));

/** The committed-events cache entry cost (IndexWriter's BoundedCache sizer) and limit (ESConsts: 8 MiB). */
const CACHE_ENTRY_BYTES = (streamId: string): number => 16 + 4 + 8 + 24 + 2 * streamId.length;
export const COMMITTED_EVENTS_CACHE_BYTES = 8 * 1024 * 1024;

export class EventLog implements CommitView {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly cache = new Map<string, { streamId: string; eventNumber: bigint }>();
  private cacheBytes = 0;
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private writer = 0n;

  constructor(private readonly cacheLimitBytes = COMMITTED_EVENTS_CACHE_BYTES) {}

  /** Writer checkpoint: the post-position of the last record (where the next one goes). */
  get endPosition(): bigint {
    return this.writer;
  }

  /** Position of the last record (what subscriptions confirm as LastIndexedPosition). */
  get lastIndexedPosition(): bigint {
    return this.records.at(-1)?.position ?? -1n;
  }

  /** A system record such as the epoch record: takes log bytes, is no event. SystemLogRecord: 40 bytes + data. */
  writeSystemRecord(payloadBytes: number): void {
    this.push(40 + payloadBytes, undefined);
  }

  /** The decision for an append (see commit-check.ts), then the write: what StorageWriterService.WritePrepares does. */
  write(streamId: string, expectedVersion: bigint, events: readonly ProposedEvent[]): WriteOutcome {
    const decision: CommitDecision = checkCommit(
      this,
      streamId,
      expectedVersion,
      events.map((event) => event.id),
    );
    if (decision.kind === 'wrong-expected-version') return decision;
    if (decision.kind === 'idempotent') {
      const last = this.streams.get(streamId)?.[Number(decision.lastEventNumber)];
      return { kind: 'idempotent', lastEventNumber: decision.lastEventNumber, position: last?.position ?? -1n };
    }
    if (events.length === 0) {
      // An empty append still writes an empty, self-committed prepare (no data flag): bytes, but no event.
      const position = this.writer;
      this.push(prepareSize(streamId, '', new Uint8Array(), new Uint8Array()), undefined);
      return { kind: 'written', lastEventNumber: decision.currentVersion, position };
    }
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const created = nowTicks();
    const written = events.map((proposed, index): StoredEvent => {
      const event = {
        ...proposed,
        streamId,
        revision: decision.currentVersion + 1n + BigInt(index),
        created,
        position: this.writer,
      };
      this.push(prepareSize(streamId, proposed.type, proposed.data, proposed.metadata), event);
      stream.push(event);
      this.remember(event);
      return event;
    });
    for (const event of written) for (const listener of this.listeners) listener(event);
    const last = written[written.length - 1];
    return { kind: 'written', lastEventNumber: last.revision, position: last.position };
  }

  /** An event written by the node itself ($-stream, $-type), through the same write path as clients' appends. */
  writeSystemEvent(streamId: string, type: string, data: unknown, isJson = true): StoredEvent {
    const bytes = Buffer.from(isJson ? JSON.stringify(data) : String(data), 'utf8');
    const outcome = this.write(streamId, ANY, [
      { id: randomUUID(), type, isJson, data: bytes, metadata: new Uint8Array() },
    ]);
    if (outcome.kind !== 'written') throw new Error(`system event to ${streamId} not written`);
    return this.streams.get(streamId)?.at(-1) as StoredEvent;
  }

  stream(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  lastEventNumber(streamId: string): bigint {
    return BigInt((this.streams.get(streamId)?.length ?? 0) - 1);
  }

  cached(eventId: string): { streamId: string; eventNumber: bigint } | undefined {
    return this.cache.get(eventId);
  }

  eventIdAt(streamId: string, eventNumber: bigint): string | undefined {
    return eventNumber < 0n ? undefined : this.streams.get(streamId)?.[Number(eventNumber)]?.id;
  }

  /** A node restart: the committed-events cache lives in memory only (IndexWriter._committedEvents). */
  forgetCachedIds(): void {
    this.cache.clear();
    this.cacheBytes = 0;
  }

  /** Called synchronously for every committed event, in log order (StorageMessage.EventCommitted). */
  onCommitted(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index of the first record at or after `position` (records.length if none). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.records[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Whether a record starts at `position`, or it is the end of the log (a record boundary either way). */
  isBoundary(position: bigint): boolean {
    if (position === this.writer) return true;
    const index = this.indexAtOrAfter(position);
    return index < this.records.length && this.records[index].position === position;
  }

  private push(size: number, event: StoredEvent | undefined): void {
    const position = this.writer;
    this.writer += BigInt(size);
    this.records.push({ position, postPosition: this.writer, event });
  }

  /** BoundedCache.PutRecord: FIFO eviction once over the byte limit. */
  private remember(event: StoredEvent): void {
    if (this.cache.delete(event.id)) this.cacheBytes -= CACHE_ENTRY_BYTES(event.streamId);
    this.cache.set(event.id, { streamId: event.streamId, eventNumber: event.revision });
    this.cacheBytes += CACHE_ENTRY_BYTES(event.streamId);
    for (const [id, entry] of this.cache) {
      if (this.cacheBytes <= this.cacheLimitBytes || this.cache.size <= 1) break;
      this.cache.delete(id);
      this.cacheBytes -= CACHE_ENTRY_BYTES(entry.streamId);
    }
  }
}

import { PassThrough, Readable } from 'node:stream';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type EventData as EsdbEventData,
  type EventStoreDBClient,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

/**
 * Test double of the EventStoreDB client 6.x, for unit specs only (this machine has no server): it mimics the
 * behaviours the adapter relies on (inclusive $all reads, StreamNotFound as a stream error, WrongExpectedVersion
 * errors, bigint revisions, {commit, prepare} positions) and nothing else. It does NOT do the server's own
 * idempotency, so that the adapter's retry handling is what the specs exercise.
 */
interface Stored {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: Position;
  created: Date;
}

type Sub = PassThrough & { unsubscribe(): Promise<void>; unsubscribed: boolean };

export class FakeEsdbClient {
  readonly log: Stored[] = [];
  readonly appendCalls: { streamId: string; expectedRevision?: AppendExpectedRevision }[] = [];
  readonly subscriptions: Sub[] = [];
  /** Simulates servers whose append answers carry no position. */
  reportPositions = true;
  /** Simulates a server that never answers reads. */
  hang = false;
  connectionName = 'fake';
  streamReads = 0;
  private nextPosition = 1000n;
  private clock = 0;

  /** Writes without checks, e.g. system records ($-typed or in $-streams). */
  seed(streamId: string, type: string, data: unknown = {}): Stored {
    const revision = BigInt(this.log.filter((e) => e.streamId === streamId).length);
    const stored: Stored = {
      streamId,
      id: crypto.randomUUID(),
      type,
      data,
      metadata: undefined,
      revision,
      position: this.takePosition(),
      created: this.tick(),
    };
    this.log.push(stored);
    this.publish(stored);
    return stored;
  }

  async appendToStream(
    streamId: string,
    events: EsdbEventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<EsdbAppendResult> {
    this.appendCalls.push({ streamId, expectedRevision: options.expectedRevision });
    const current = this.streamEvents(streamId).at(-1)?.revision ?? 'no_stream';
    const expected = options.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream'
        ? current === 'no_stream'
        : expected === 'stream_exists'
          ? current !== 'no_stream'
          : expected === current);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current });
    let revision = current === 'no_stream' ? -1n : current;
    for (const event of events) {
      const stored: Stored = {
        streamId,
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        revision: ++revision,
        position: this.takePosition(),
        created: this.tick(),
      };
      this.log.push(stored);
      this.publish(stored);
    }
    return {
      success: true,
      nextExpectedRevision: revision,
      position: this.reportPositions ? this.log.at(-1)!.position : undefined,
    };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Readable {
    this.streamReads += 1;
    const events = this.streamEvents(streamId);
    if (events.length === 0) {
      const missing = this.readable([]);
      missing.destroy(new StreamNotFoundError(undefined, streamId));
      return missing;
    }
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const selected = (backwards ? [...events].reverse() : events).filter((e) =>
      typeof from !== 'bigint' ? true : backwards ? e.revision <= from : e.revision >= from,
    );
    return this.readable(selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)));
  }

  readAll(options: ReadAllOptions = {}): Readable {
    if (this.hang) return this.readable(null);
    const from = options.fromPosition;
    if (!this.startsAtRecord(from)) return this.invalidPosition();
    const backwards = options.direction === 'backwards';
    // Like the server: a forwards read from a position includes the event at that position.
    const selected = typeof from === 'object' ? this.log.filter((e) => e.position.commit >= from.commit) : this.log;
    return this.readable(
      (backwards ? [...selected].reverse() : selected).slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)),
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Sub {
    const sub = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribed: false,
      unsubscribe: async () => {
        sub.unsubscribed = true;
      },
    });
    const from = options.fromPosition;
    if (!this.startsAtRecord(from))
      return Object.assign(this.invalidPosition(), {
        unsubscribed: false,
        unsubscribe: async () => undefined,
      }) as unknown as Sub;
    // Deliberately inclusive (the real server is exclusive): the adapter must not deliver an event twice anyway.
    for (const e of this.log) if (typeof from !== 'object' || e.position.commit >= from.commit) this.push(sub, e);
    this.subscriptions.push(sub);
    return sub;
  }

  async dispose(): Promise<void> {
    for (const sub of this.subscriptions) sub.end();
  }

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Like the server: a read may start at START/END, at a record, or past the end, but not inside a record. */
  private startsAtRecord(from: ReadAllOptions['fromPosition']): boolean {
    if (typeof from !== 'object') return true;
    return (
      from.commit > (this.log.at(-1)?.position.commit ?? -1n) || this.log.some((e) => e.position.commit === from.commit)
    );
  }

  private invalidPosition(): PassThrough {
    const stream = new PassThrough({ objectMode: true });
    stream.destroy(new Error('Invalid position (read inside a record)'));
    return Object.assign(stream, { cancel: async () => undefined });
  }

  private publish(stored: Stored): void {
    for (const sub of this.subscriptions) if (!sub.unsubscribed) this.push(sub, stored);
  }

  private push(sub: Sub, e: Stored): void {
    if (!e.type.startsWith('$')) sub.write({ event: e }); // the server-side excludeSystemEvents() filter
  }

  private readable(events: Stored[] | null): Readable {
    const stream =
      events === null ? new PassThrough({ objectMode: true }) : Readable.from(events.map((event) => ({ event })));
    return Object.assign(stream, { cancel: async () => undefined });
  }

  private streamEvents(streamId: string): Stored[] {
    return this.log.filter((e) => e.streamId === streamId);
  }

  private takePosition(): Position {
    const at = this.nextPosition;
    this.nextPosition += 100n;
    return { commit: at, prepare: at };
  }

  /** Server time: now, but strictly increasing so that bounds by time are testable. */
  private tick(): Date {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return new Date(this.clock);
  }
}

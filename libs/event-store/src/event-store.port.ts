/**
 * The event store port: the only way any code in ITP touches events.
 *
 * Revisions are 0-based per stream (the first event of a stream has revision 0), as in EventStoreDB.
 * Global positions are JSON-safe integers, strictly increasing in commit order across all streams;
 * position 0 means "before the first event", so a subscription or read `from` 0 starts at the beginning.
 */

/** Who did it and why: carried by every stored event, so that auditors can answer "on whose authority". */
export interface EventMetadata {
  actor: string;
  role: string;
  unit: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Adapters keep any further keys as they are (the audit hash chain lives here). */
  [key: string]: unknown;
}

export type EventData = Record<string, unknown>;

export interface EventToAppend<Type extends string = string, Data extends EventData = EventData> {
  /** A UUID. Appending an event whose id is already stored is a retry and adds nothing. */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData> {
  id: string;
  streamId: string;
  revision: number;
  position: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** ISO-8601 instant at which the store recorded the event (UTC, millisecond precision). */
  recordedAt: string;
}

/**
 * What the writer believes about the stream:
 * - 'no_stream': the stream must not exist yet;
 * - 'stream_exists': it must have at least one event;
 * - 'any': no check;
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to 0 (from the beginning). */
  fromPosition?: number;
  /** Inclusive upper bound by position. */
  toPosition?: number;
  /** Inclusive upper bound by recorded time (ISO-8601): replay history as of an instant. */
  toRecordedAt?: string;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the subscription delivers events with position > fromPosition. */
  fromPosition?: number;
  /** Aborting ends the iteration cleanly. */
  signal?: AbortSignal;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Sent once, when every event stored at subscription time has been delivered; live events follow. */
  | { kind: 'caught-up'; position: number };

export interface EventStoreHealth {
  backend: 'sqlite' | 'eventstoredb';
  reachable: boolean;
  detail?: string;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Events of one stream; an unknown stream gives an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The global log in position order, bounded so that history can be replayed as of an instant. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch-up then live subscription to the global log (application events only, never system events). */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage>;

  /** Position of the last stored event, 0 when the log is empty. */
  headPosition(): Promise<number>;

  health(): Promise<EventStoreHealth>;

  close(): Promise<void>;
}

/** Injection token for Nest: `@Inject(EVENT_STORE) store: EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');

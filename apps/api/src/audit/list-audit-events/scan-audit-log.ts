import type { EventStore, RecordedEvent } from '@itp/event-store';

export type AuditFilter = {
  from?: string;
  /** Inclusive bound of recorded time, for events not already bounded by their read (readAll's toRecordedAt). */
  to?: string;
  actor?: string;
  unit?: string;
  streamId?: string;
  type?: string;
};

export type AuditScan = {
  items: RecordedEvent[];
  /** Pass as `after` to continue; null when the log (up to `to`) has been read to its end. */
  nextCursor: number | null;
  scanned: number;
};

const matches = (event: RecordedEvent, filter: AuditFilter): boolean =>
  (filter.from === undefined || event.recordedAt >= filter.from) &&
  (filter.to === undefined || event.recordedAt <= filter.to) &&
  (filter.actor === undefined || event.metadata.actor === filter.actor) &&
  (filter.unit === undefined || event.metadata.unit === filter.unit) &&
  (filter.streamId === undefined || event.streamId === filter.streamId) &&
  (filter.type === undefined || event.type === filter.type);

/**
 * Reads the global log forward, keeping the events that match, until `limit` matched or `scanLimit` events were
 * read: a selective filter over a long log then answers quickly with fewer items and a cursor, rather than
 * scanning everything in one request. `events` must already be bounded (readAll with maxCount = scanLimit).
 */
export const scanAuditLog = async (
  events: AsyncIterable<RecordedEvent>,
  filter: AuditFilter,
  limit: number,
  scanLimit: number,
): Promise<AuditScan> => {
  const items: RecordedEvent[] = [];
  let scanned = 0;
  let lastPosition: number | null = null;
  for await (const event of events) {
    scanned += 1;
    lastPosition = event.position;
    if (matches(event, filter)) items.push(event);
    if (items.length === limit) return { items, nextCursor: event.position, scanned };
    if (scanned === scanLimit) break;
  }
  return { items, nextCursor: scanned === scanLimit ? lastPosition : null, scanned };
};

/**
 * One stream's events after a global position, in order, read by the stream's own index in pages of `pageSize`
 * (SQLite: `UNIQUE (stream_id, revision)`; EventStoreDB: the stream itself) instead of scanning the global log for
 * them: a stream filter over 1M events read 20,000 events of the log per request and answered nothing in 106 ms.
 * A stream's revisions follow its positions, so its events after `after` are its last ones.
 */
export async function* streamEventsAfter(
  eventStore: Pick<EventStore, 'readStream'>,
  streamId: string,
  after: number,
  pageSize: number,
): AsyncIterable<RecordedEvent> {
  for (let fromRevision = 0; ; fromRevision += pageSize) {
    const page = await eventStore.readStream(streamId, { fromRevision, maxCount: pageSize });
    for (const event of page) if (event.position > after) yield event;
    if (page.length < pageSize) return;
  }
}

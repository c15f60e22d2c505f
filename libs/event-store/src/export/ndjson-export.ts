import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { toExportLine } from './export-line';

/** Which events an export holds: the whole log, or one stream, up to a position or a recorded instant (inclusive). */
export interface ExportBounds {
  streamId?: string;
  toPosition?: number;
  /** An ISO-8601 UTC instant in the stores' form (`Date.prototype.toISOString`). */
  toRecordedAt?: string;
}

const STREAM_PAGE = 1000;

/**
 * The events to export, in log order, read page by page (the store's own paging for the log, 1,000 revisions at
 * a time for one stream), so an export holds one page in memory whatever the size of the log.
 */
export async function* eventsToExport(store: EventStore, bounds: ExportBounds = {}): AsyncGenerator<RecordedEvent> {
  const { streamId, toPosition, toRecordedAt } = bounds;
  if (streamId === undefined) {
    yield* store.readAll({ toPosition, toRecordedAt });
    return;
  }
  for (let fromRevision = 0; ; fromRevision += STREAM_PAGE) {
    const page = await store.readStream(streamId, { fromRevision, maxCount: STREAM_PAGE });
    for (const event of page) {
      // Recorded times never decrease along the log, nor positions along a stream: the first beyond ends it.
      if (toPosition !== undefined && event.position > toPosition) return;
      if (toRecordedAt !== undefined && event.recordedAt > toRecordedAt) return;
      yield event;
    }
    if (page.length < STREAM_PAGE) return;
  }
}

export interface ExportSummary {
  events: number;
  firstPosition: number | null;
  lastPosition: number | null;
  lastRecordedAt: string | null;
}

/**
 * Writes the events as NDJSON, one line each, waiting for the output to drain whenever it asks to (a slow disk
 * or pipe holds the reading back instead of filling memory). Does not end the output.
 */
export async function writeExport(
  events: AsyncIterable<RecordedEvent>,
  output: Writable,
  onEvent?: (event: RecordedEvent) => void,
): Promise<ExportSummary> {
  const summary: ExportSummary = { events: 0, firstPosition: null, lastPosition: null, lastRecordedAt: null };
  for await (const event of events) {
    if (!output.write(toExportLine(event))) await drained(output);
    summary.events += 1;
    summary.firstPosition ??= event.position;
    summary.lastPosition = event.position;
    summary.lastRecordedAt = event.recordedAt;
    onEvent?.(event);
  }
  return summary;
}

/** Resolves on 'drain'; rejects if the output fails or closes first (a closed pipe must not hang the export). */
async function drained(output: Writable): Promise<void> {
  const stop = new AbortController();
  const closed = once(output, 'close', { signal: stop.signal }).then(() => {
    throw new Error('the output was closed before the export finished');
  });
  try {
    await Promise.race([once(output, 'drain', { signal: stop.signal }), closed]);
  } finally {
    // The listeners of the wait that lost are removed; its AbortError is settled by the race.
    stop.abort();
  }
}

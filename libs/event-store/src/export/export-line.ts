import type { EventData, EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * One line of an event export (NDJSON, `itp export`): a stored event as the store answers it, with its global
 * position, stream, revision, id, type, recorded time, data and metadata (which carries `previousHash` and `hash`).
 * Keys are written in one fixed order, so two exports of the same log are the same bytes. Nothing is re-encoded:
 * `data` and `metadata` are the stored JSON, so the hash chain can be recomputed from the file alone.
 */
export const toExportLine = (event: RecordedEvent): string =>
  `${JSON.stringify({
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  })}\n`;

/** A line of an export file that is not an exported event, or that breaks the order of the log. */
export class ExportFileError extends Error {
  override readonly name = 'ExportFileError';
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

const KEYS = ['position', 'streamId', 'revision', 'id', 'type', 'recordedAt', 'data', 'metadata'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An ISO-8601 UTC instant with milliseconds, the one form the stores write ("as of" compares these strings). */
export const isStoredInstant = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
};

/** Reads one line back into the event it exports; throws ExportFileError naming the line and what is wrong. */
export function parseExportLine(text: string, line: number): RecordedEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExportFileError(line, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new ExportFileError(line, 'not a JSON object');
  const unknown = Object.keys(parsed).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new ExportFileError(line, `unknown field(s) ${unknown.join(', ')}`);
  const { position, streamId, revision, id, type, recordedAt, data, metadata } = parsed;
  const problem = (message: string) => new ExportFileError(line, message);
  if (!Number.isSafeInteger(position) || (position as number) < 1) throw problem('position must be an integer >= 1');
  if (typeof streamId !== 'string' || streamId.length === 0) throw problem('streamId must be a non-empty string');
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) throw problem('revision must be an integer >= 0');
  if (typeof id !== 'string' || !UUID.test(id)) throw problem('id must be a UUID');
  if (typeof type !== 'string' || type.length === 0) throw problem('type must be a non-empty string');
  if (!isStoredInstant(recordedAt))
    throw problem('recordedAt must be an ISO-8601 UTC instant with milliseconds, e.g. 2014-07-05T01:30:00.000Z');
  if (!isObject(data)) throw problem('data must be a JSON object');
  if (!isObject(metadata)) throw problem('metadata must be a JSON object');
  return {
    position: position as number,
    streamId,
    revision: revision as number,
    id,
    type,
    recordedAt,
    data: data as EventData,
    metadata: metadata as EventMetadata,
  };
}

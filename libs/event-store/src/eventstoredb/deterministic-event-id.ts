import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed forever: every id derived so far depends on it, and a retry after a deploy must derive the same ids
 * for EventStoreDB (and the port) to recognise it as a retry.
 */
export const ITP_EVENT_ID_NAMESPACE = '1dd5e8fa-12cd-49ea-a75b-d5ae3369f223';

/**
 * The id of the `index`-th event produced by command `commandId`: the same command retried yields the same
 * ids, so the store stores its events once (EventStoreDB's idempotent append keys on event ids).
 */
export function deterministicEventId(commandId: string, index: number): string {
  if (commandId.length === 0) throw new RangeError('commandId must not be empty');
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError(`index must be a non-negative integer, got ${index}`);
  return uuidv5(`${commandId}#${index}`, ITP_EVENT_ID_NAMESPACE);
}

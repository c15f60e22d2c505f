import type { WrongExpectedRevisionError } from '@itp/event-store';
import { StreamIntegrityError } from './command-errors';

/**
 * Other writers only ever make a stream longer. A store that answers a conflict with a stream shorter than the
 * revision this process already read (or wrote) lost events at the stream's end: the stored history was cut
 * behind the api's back. Without this check the cached fold would meet the same conflict on every retry and
 * every later command, answering 409 "kept changing" forever.
 */
export function assertStreamDidNotShrink(streamId: string, known: number, conflict: WrongExpectedRevisionError): void {
  const actual = conflict.actual === 'no_stream' ? -1 : conflict.actual;
  if (actual < known)
    throw new StreamIntegrityError(
      streamId,
      actual + 1,
      `the stream ends at revision ${actual}, but revision ${known} was stored before: events were removed`,
    );
}

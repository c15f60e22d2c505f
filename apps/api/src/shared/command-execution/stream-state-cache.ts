import { LRUCache } from 'lru-cache';
import { GENESIS_HASH, hashEvent, type RecordedEvent } from '@itp/event-store';
import { StreamIntegrityError } from './command-errors';

/** What a command stored in a stream: enough to answer its retry without reading the stream again. */
export interface StoredCommand {
  requestHash: unknown;
  revision: number;
  position: number;
}

/** A stream folded up to `revision`: its state, its chain head, and the commands it holds. */
export interface FoldedStream<S> {
  revision: number;
  position: number;
  lastHash: string;
  state: S;
  commands: Map<string, StoredCommand>;
}

/** How many streams keep their folded state in memory; the rest are read and folded again when addressed. */
const MAX_STREAMS = 10_000;

/**
 * Folded state per stream, so that a command reads only the events appended since the last one (usually
 * none) instead of the whole stream, or nothing at all when its decision appends (the executor). Never a
 * source of truth: every append carries the expected revision; a refusal, a 412 or nothing to do is only answered
 * on a read of the store (a replay may be answered from here: a command it holds is stored); a keyed command is
 * always decided on a read; and a stream's chain is verified as it is loaded (whole on the first read, event by
 * event after). A process restart simply starts cold.
 */
export class StreamStateCache {
  private readonly streams = new LRUCache<string, FoldedStream<unknown>>({ max: MAX_STREAMS });

  get<S>(streamId: string): FoldedStream<S> | undefined {
    return this.streams.get(streamId) as FoldedStream<S> | undefined;
  }

  set<S>(streamId: string, folded: FoldedStream<S>): void {
    this.streams.set(streamId, folded as FoldedStream<unknown>);
  }

  forget(streamId: string): void {
    this.streams.delete(streamId);
  }
}

/** `folded` (or nothing) advanced by `events`, each checked against the chain: a break names its revision. */
export function foldOnto<S>(
  streamId: string,
  folded: FoldedStream<S> | undefined,
  initial: () => S,
  events: readonly RecordedEvent[],
  evolve: (state: S, event: RecordedEvent) => S,
): FoldedStream<S> | undefined {
  if (events.length === 0) return folded;
  let { revision, position, lastHash, state } = folded ?? {
    revision: -1,
    position: 0,
    lastHash: GENESIS_HASH,
    state: initial(),
  };
  const commands = new Map(folded?.commands);
  for (const event of events) {
    if (event.revision !== revision + 1)
      throw new StreamIntegrityError(streamId, revision + 1, `revision ${event.revision} follows ${revision}`);
    if (event.metadata.previousHash !== lastHash)
      throw new StreamIntegrityError(streamId, event.revision, 'previousHash does not match the event before it');
    if (event.metadata.hash !== hashEvent(event, lastHash))
      throw new StreamIntegrityError(streamId, event.revision, 'hash does not match the event content');
    state = evolve(state, event);
    ({ revision, position } = event);
    lastHash = event.metadata.hash as string;
    const commandId = event.metadata.commandId;
    if (typeof commandId === 'string') {
      const first = commands.get(commandId);
      commands.set(commandId, { requestHash: first?.requestHash ?? event.metadata.requestHash, revision, position });
    }
  }
  return { revision, position, lastHash, state, commands };
}

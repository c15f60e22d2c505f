import type { RecordedEvent } from '../event-store.port';
import { chainMetadata, GENESIS_HASH } from '../hash-chain/hash-chain';

/** The metadata every event of a spec's log carries (who, as what, under which command). */
export const SPEC_METADATA = {
  actor: 'a',
  role: 'admin',
  unit: 'u',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};

/**
 * A global log for specs of code that verifies chains: `count` events of type Noted spread round-robin over
 * `streams` streams (`project-0`, `project-1`, ...), each chained as the command side chains it, at the positions
 * `position(index)` gives, recorded a minute apart from 2014-01-01.
 */
export function chainedLog(options: {
  count: number;
  streams: number;
  data: (index: number) => Record<string, unknown>;
  position: (index: number) => number;
}): RecordedEvent[] {
  const last = new Map<string, { revision: number; hash: string }>();
  return Array.from({ length: options.count }, (_, index) => {
    const streamId = `project-${index % options.streams}`;
    const previous = last.get(streamId) ?? { revision: -1, hash: GENESIS_HASH };
    const revision = previous.revision + 1;
    const data = options.data(index);
    const metadata = chainMetadata({ streamId, revision, type: 'Noted', data, metadata: SPEC_METADATA }, previous.hash);
    last.set(streamId, { revision, hash: metadata.hash as string });
    return {
      id: `event-${index}`,
      streamId,
      revision,
      type: 'Noted',
      data,
      metadata,
      position: options.position(index),
      recordedAt: new Date(Date.UTC(2014, 0, 1, 0, index)).toISOString(),
    };
  });
}

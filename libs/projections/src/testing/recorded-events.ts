import type { EventMetadata, RecordedEvent } from '@itp/event-store';
import { DOMAIN_EVENTS } from '@itp/domain';

type DomainEventLike = { readonly type: string; readonly data: object };

const METADATA: EventMetadata = {
  actor: 'spec-client',
  role: 'integration',
  unit: 'spec-unit',
  commandId: 'cmd',
  correlationId: 'cmd',
  causationId: 'cmd',
};

/**
 * Builds RecordedEvents as the store would hand them out: 0-based revisions per stream, strictly increasing
 * global positions across streams, one recordedAt per call (defaulting to a time derived from the position).
 */
export const eventLog = () => {
  const revisions = new Map<string, number>();
  const all: RecordedEvent[] = [];
  return {
    record(streamId: string, events: readonly DomainEventLike[], recordedAt?: string): RecordedEvent[] {
      return events.map((event) => {
        const revision = (revisions.get(streamId) ?? -1) + 1;
        revisions.set(streamId, revision);
        const position = all.length + 1;
        const recorded: RecordedEvent = {
          id: `event-${position}`,
          streamId,
          revision,
          position,
          type: event.type,
          data: { ...event.data } as Record<string, unknown>,
          metadata: { ...METADATA, schemaVersion: DOMAIN_EVENTS.schemaVersion(event.type) },
          recordedAt: recordedAt ?? new Date(Date.UTC(2014, 0, 1) + position * 60_000).toISOString(),
        };
        all.push(recorded);
        return recorded;
      });
    },
    get events(): readonly RecordedEvent[] {
      return all;
    },
  };
};

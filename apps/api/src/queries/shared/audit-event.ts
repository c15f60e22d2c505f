import type { RecordedEvent } from '@itp/event-store';

/** A stored event as auditors read it: what happened, when, on whose authority, and its place in the chain. */
export const auditEvent = (event: RecordedEvent) => ({
  eventId: event.id,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  type: event.type,
  data: event.data,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  role: event.metadata.role,
  unit: event.metadata.unit,
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  previousHash: event.metadata.previousHash ?? null,
  hash: event.metadata.hash ?? null,
});

export type AuditEvent = ReturnType<typeof auditEvent>;

import type { RecordedEvent } from '@itp/event-store';
import { SCHEMA_VERSION_KEY } from '@itp/domain';

/**
 * A stored event as auditors read it: what happened, when, on whose authority, and its place in the chain.
 * Always the stored form, in the schema version it was stored with (never upcast): that is what the hash
 * chain covers and what an auditor can check.
 */
export const auditEvent = (event: RecordedEvent) => ({
  eventId: event.id,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  type: event.type,
  schemaVersion: typeof event.metadata[SCHEMA_VERSION_KEY] === 'number' ? event.metadata[SCHEMA_VERSION_KEY] : 1,
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

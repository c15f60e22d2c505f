import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * A SHA-256 chain over each stream: every event's metadata holds the hash of the previous event of the same
 * stream and its own hash over canonical JSON (RFC 8785) of what it says. Editing any stored byte of a
 * stream's history (data, metadata, type, order) breaks the chain from that event on, which auditors can check.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export function hashEvent(fields: ChainedFields, previousHash: string): string {
  const { hash: _ignored, ...metadata } = fields.metadata;
  const canonical = canonicalize({
    streamId: fields.streamId,
    revision: fields.revision,
    type: fields.type,
    data: fields.data,
    metadata: { ...metadata, previousHash },
  });
  if (canonical === undefined) throw new Error('Event is not serialisable to canonical JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Metadata to store with an event about to be appended at `revision`, chained to `previousHash`. */
export function chainMetadata(fields: ChainedFields, previousHash: string): EventMetadata {
  const metadata = { ...fields.metadata, previousHash };
  return { ...metadata, hash: hashEvent({ ...fields, metadata }, previousHash) };
}

export type ChainVerification =
  | { valid: true; events: number; lastHash: string }
  | { valid: false; events: number; brokenAt: { revision: number; eventId: string; reason: string } };

/** Re-computes a stream's chain from its first event; names the first event that does not hold. */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let previousHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      events: events.length,
      brokenAt: { revision: event.revision, eventId: event.id, reason },
    });
    if (event.revision !== index) return broken(`expected revision ${index}, found ${event.revision}`);
    if (event.metadata.previousHash !== previousHash)
      return broken('previousHash does not match the hash of the event before it');
    const expected = hashEvent(event, previousHash);
    if (event.metadata.hash !== expected) return broken('hash does not match the event content');
    previousHash = expected;
  }
  return { valid: true, events: events.length, lastHash: previousHash };
}

import type { RecordedEvent } from '@itp/event-store';
import type { IndexSpec, ReadDocument } from '@itp/read-store';

/**
 * One projection per read model: a pure fold of events into the documents of one collection. A query may read
 * several read models; the reports are pure functions over them at query time (`*.report.ts` in
 * apps/api), and the audit trail is read from the event store: neither is a projection.
 *
 * - `evolve(document, event)` is pure: the document as it is (null when absent) and one event in, the document
 *   as it must be out (null to delete it). No I/O, no clock: time comes from `event.recordedAt` or event data.
 * - `documentIds(event)` names the documents an event changes (usually one), so the runner loads only those.
 * - Idempotency is the runner's and the store's job (`_position` guard, checkpoints): evolve need not check.
 * - `version` is part of the physical collection name (`<collection>_v<version>`): a changed fold is a new
 *   version, rebuilt beside the live one and switched to when caught up.
 */
export interface Projection<Doc extends ReadDocument = ReadDocument> {
  /** Stable name, also the checkpoint key, e.g. 'project-library'. */
  readonly name: string;
  readonly version: number;
  /** The logical collection queries read (an alias onto the current physical one), e.g. 'project_library'. */
  readonly collection: string;
  /** Event types it folds; others only move its checkpoint. */
  readonly handles: ReadonlySet<string>;
  /**
   * The indexes its documented queries need (the api's and those in docs/read-models/README.md), beside `_id`.
   * Created on every physical collection it writes: on a rebuild's target before it is filled, and on the live
   * collection when the runner starts following it. Leave out a name: the server derives one from the keys, so
   * a changed declaration is a new index, never a conflict. Optional only so that test projections may omit it;
   * every projection of ALL_PROJECTIONS declares its list (empty when `_id` suffices).
   */
  readonly indexes?: readonly IndexSpec[];
  documentIds(event: RecordedEvent): string[];
  evolve(document: Doc | null, event: RecordedEvent): Doc | null;
}

/** The physical collection of a projection version. */
export const physicalCollection = (projection: Pick<Projection, 'collection' | 'version'>): string =>
  `${projection.collection}_v${projection.version}`;

/** Nest injection token for the list of every projection the platform runs. */
export const PROJECTIONS = Symbol('PROJECTIONS');

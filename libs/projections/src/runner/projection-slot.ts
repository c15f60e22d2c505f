import type { Projection } from '../projection';
import type { ProjectionRebuild } from '../rebuild/projection-rebuild';
import type { PendingFold } from '../shared/pending-fold';
import type { ProjectionFailure, ProjectionState, ProjectionStatus } from '../shared/projection-status';

/** The runner's in-memory view of one projection; `checkpoint` only moves after the read store committed it. */
export interface ProjectionSlot {
  readonly projection: Projection;
  checkpoint: number;
  state: ProjectionState;
  /** Takes live batches: false while stopped, and while a rebuild replaces a model it cannot update. */
  following: boolean;
  /** The physical collection readers see now. */
  physical: string | undefined;
  /**
   * The live collection has been given its indexes and validator: once per runner, before its first batch
   * (a rebuild's target is given them when it is made).
   */
  prepared: boolean;
  lastError: ProjectionFailure | null;
  /** Set from the moment a rebuild is asked for until it has switched or failed. */
  rebuilding: Promise<boolean> | null;
  rebuild: ProjectionRebuild | null;
  /** Folded since the last commit (catch-up commits less often than every batch). */
  pending: PendingFold | null;
}

export const newSlot = (projection: Projection): ProjectionSlot => ({
  projection,
  checkpoint: 0,
  state: 'catching-up',
  following: true,
  physical: undefined,
  prepared: false,
  lastError: null,
  rebuilding: null,
  rebuild: null,
  pending: null,
});

export const slotStatus = (slot: ProjectionSlot, head: number): ProjectionStatus => ({
  name: slot.projection.name,
  version: slot.projection.version,
  collection: slot.projection.collection,
  physicalCollection: slot.physical,
  checkpoint: slot.checkpoint,
  head,
  lag: Math.max(0, head - slot.checkpoint),
  state: slot.state,
  lastError: slot.lastError,
  rebuild: slot.rebuild === null ? null : { ...slot.rebuild.status },
});

/** Asked about a projection the runner does not have: a programming error in the caller, not a 404 of data. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(readonly projection: string) {
    super(`Unknown projection ${JSON.stringify(projection)}`);
  }
}

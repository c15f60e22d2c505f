/** What an operator needs to know about one projection, as /health, /metrics and the admin API show it. */
export type ProjectionState = 'catching-up' | 'live' | 'stopped' | 'rebuilding';

/** The event a projection could not fold: kept until an operator rebuilds it, never skipped. */
export interface ProjectionFailure {
  position: number;
  eventId: string;
  eventType: string;
  streamId: string;
  error: string;
  /** ISO-8601 instant at which it failed. */
  at: string;
}

export interface RebuildStatus {
  /** The physical collection being built beside the live one. */
  target: string;
  /** Position the rebuild has reached. */
  position: number;
  reason: 'requested' | 'version-changed' | 'ahead-of-log';
  startedAt: string;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  collection: string;
  /** The physical collection readers see now (the alias target), when known. */
  physicalCollection?: string;
  checkpoint: number;
  head: number;
  lag: number;
  state: ProjectionState;
  lastError: ProjectionFailure | null;
  rebuild: RebuildStatus | null;
}

/** Thrown by a batch fold: names the event, so the failure is reported, never skipped. */
export class ProjectionEvolveError extends Error {
  override readonly name = 'ProjectionEvolveError';
  constructor(
    readonly projection: string,
    readonly failure: ProjectionFailure,
    override readonly cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on ${failure.eventType} at position ${failure.position} (event ${failure.eventId}, stream ${failure.streamId}): ${failure.error}`,
    );
  }
}

/** Minimal logger both Nest's Logger and console satisfy. */
export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

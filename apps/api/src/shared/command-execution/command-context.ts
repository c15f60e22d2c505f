import type { Principal } from '@itp/platform';

/** What the HTTP layer knows about a command beyond its data: who sends it and under which guarantees. */
export interface CommandContext {
  principal: Principal;
  /** Deterministic from the Idempotency-Key when one is sent, so a retried request is the same command. */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** SHA-256 of method, path and body: tells a true retry from a reused key. */
  requestHash: string;
  /** Revision from `If-Match`, when the client asks for optimistic concurrency. */
  ifMatch?: number;
  /** Present when the client sent Idempotency-Key: then created ids are derived from it too. */
  idempotencyKey?: string;
  /** The day the request arrived, as the province counts days: every command's `recordedOn`. */
  recordedOn: string;
}

/** The request as the api's hooks leave it: who sent it (the auth guard) and when it arrived (the clock). */
export interface CommandRequest {
  principal?: Principal;
  receivedAt?: Date;
}

/** What every successful command answers, and what a retry of it answers again. */
export interface CommandResult {
  id: string;
  streamId: string;
  revision: number;
  position: number;
  /** True when this was a retry of a command already applied: nothing was appended. */
  replayed: boolean;
}

import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/** Which call a fault hits: Streams.Append, Streams.Read (a read), Streams.Read (a subscription), ServerFeatures. */
export type FaultTarget = 'append' | 'read' | 'subscribe' | 'features';

export type Fault =
  /** Status DEADLINE_EXCEEDED at once, as a node answers an expired request. */
  | { kind: 'deadline-exceeded' }
  /** Status UNAVAILABLE "Server Is Not Ready" (RpcExceptions.ServerNotReady). */
  | { kind: 'unavailable' }
  /** A write the node could not complete in time: ABORTED "Operation timed out: …" (RpcExceptions.Timeout). */
  | { kind: 'timeout' }
  /**
   * Not the leader: NOT_FOUND "Leader info available" with the trailers `exception: not-leader`,
   * `leader-endpoint-host`, `leader-endpoint-port` (RpcExceptions.LeaderInfo,
   * src/EventStore.Core/Services/Transport/Grpc/RpcExceptions.cs). The client reconnects to that endpoint.
   */
  | { kind: 'not-leader'; host: string; port: number }
  /** Never answers: the client's own deadline (10 s on appends by default) or a cancel ends the call. */
  | { kind: 'hang' }
  /** The TCP connection the call came on is reset at once; nothing is written. */
  | { kind: 'drop' }
  /** Appends only: the events ARE written, then the TCP connection is reset before any answer is sent. */
  | { kind: 'drop-after-persist' };

interface Armed {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

/** Faults armed for the next calls, consumed in the order they were armed. */
export class Faults {
  private armed: Armed[] = [];

  /** Arms `fault` for the next `times` calls of `target` (default: one). */
  inject(target: FaultTarget, fault: Fault, times = 1): void {
    if (fault.kind === 'drop-after-persist' && target !== 'append')
      throw new Error('drop-after-persist applies to appends only');
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.armed.push({ target, fault, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** How many armed faults are still waiting for a call. */
  get pending(): number {
    return this.armed.reduce((sum, armed) => sum + armed.remaining, 0);
  }

  /** The fault for this call, if one is armed for its target (consumes one use). */
  take(target: FaultTarget): Fault | undefined {
    const armed = this.armed.find((candidate) => candidate.target === target);
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.armed = this.armed.filter((candidate) => candidate !== armed);
    return armed.fault;
  }
}

/** The gRPC status a fault answers with, or undefined for the faults that do not answer (hang, drops). */
export function faultStatus(fault: Fault): Partial<ServiceError> | undefined {
  switch (fault.kind) {
    case 'deadline-exceeded':
      return { code: status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' };
    case 'unavailable':
      return { code: status.UNAVAILABLE, details: 'Server Is Not Ready' };
    case 'timeout':
      return { code: status.ABORTED, details: 'Operation timed out: Prepare phase timeout.' };
    case 'not-leader': {
      const metadata = new Metadata();
      metadata.set('exception', 'not-leader');
      metadata.set('leader-endpoint-host', fault.host);
      metadata.set('leader-endpoint-port', String(fault.port));
      return { code: status.NOT_FOUND, details: 'Leader info available', metadata };
    }
    default:
      return undefined;
  }
}

import { Metadata, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import type { EventLog } from './event-log';
import type { Faults, FaultTarget } from './faults';
import type { TcpFront } from './tcp-front';

/** One call as the stand-in saw it: tests can check the headers and deadlines the client sends. */
export interface CallRecord {
  target: FaultTarget;
  /** The `connection-name` header (every call but ServerFeatures carries it). */
  connectionName: string | undefined;
  /** The call's deadline, or undefined for none (reads and subscriptions have none in client 6.x). */
  deadline: Date | undefined;
  streamName?: string;
}

/** What the call handlers share with the stand-in object. */
export interface HandlerContext {
  log: EventLog;
  faults: Faults;
  front: TcpFront;
  journal: CallRecord[];
  maxAppendSize: number;
  /** Called after every append that wrote events (the stand-in interleaves system events there). */
  afterWrite(): void;
}

/** What every kind of server call offers. */
export type SurfaceCall = Pick<ServerUnaryCall<unknown, unknown>, 'metadata' | 'getDeadline' | 'getPeer'>;

export function recordCall(context: HandlerContext, call: SurfaceCall, target: FaultTarget, streamName?: string): void {
  const [name] = call.metadata.get('connection-name');
  const deadline = call.getDeadline();
  context.journal.push({
    target,
    connectionName: name === undefined ? undefined : String(name),
    deadline: deadline instanceof Date ? deadline : Number.isFinite(deadline) ? new Date(deadline) : undefined,
    ...(streamName === undefined ? {} : { streamName }),
  });
}

/**
 * An error status with EventStoreDB's `exception` trailer and its details (src/EventStore.Core/Services/Transport/
 * Grpc/RpcExceptions.cs, keys from Constants.Exceptions): the client picks its error class by that trailer.
 */
export function rpcError(code: number, details: string, trailers: Record<string, string> = {}): Partial<ServiceError> {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}

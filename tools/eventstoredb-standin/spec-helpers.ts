import { randomUUID } from 'node:crypto';
import {
  excludeSystemEvents,
  jsonEvent,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type JSONEventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';

/** Helpers for the stand-in's own specs, written against the raw client (not the project's adapter). */

export const streamName = (label: string): string => `standin_${label}-${randomUUID()}`;

export const events = (count: number, type = 'StandInTested'): JSONEventData[] =>
  Array.from({ length: count }, (_, index) => jsonEvent({ type, data: { index } }));

export async function readStreamEvents(
  client: EventStoreDBClient,
  stream: string,
  options: Parameters<EventStoreDBClient['readStream']>[1] = {},
): Promise<ResolvedEvent[]> {
  const read: ResolvedEvent[] = [];
  for await (const resolved of client.readStream(stream, options)) read.push(resolved);
  return read;
}

export async function readAllEvents(
  client: EventStoreDBClient,
  options: Parameters<EventStoreDBClient['readAll']>[0] = {},
): Promise<AllStreamResolvedEvent[]> {
  const read: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll(options)) read.push(resolved);
  return read;
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `ms` pass. */
export async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** What a filtered subscription delivered, in the order the client surfaced it. */
export interface Observed {
  events: AllStreamResolvedEvent[];
  checkpoints: Position[];
  /** How many events had arrived when `caughtUp` fired (undefined: not yet). */
  caughtUpAfter: number | undefined;
  stop(): Promise<void>;
}

/** Subscribes to $all from `fromPosition` with excludeSystemEvents() (the adapter's filter). */
export function observeAll(client: EventStoreDBClient, fromPosition: Position | typeof START = START): Observed {
  const observed: Observed = { events: [], checkpoints: [], caughtUpAfter: undefined, stop: async () => undefined };
  const subscription = client.subscribeToAll({
    fromPosition,
    filter: excludeSystemEvents({
      checkpointReached: (_subscription, position) => void observed.checkpoints.push(position),
    }),
  });
  subscription.on('data', (resolved: AllStreamResolvedEvent) => observed.events.push(resolved));
  subscription.on('caughtUp', () => setImmediate(() => (observed.caughtUpAfter ??= observed.events.length)));
  subscription.on('error', () => undefined);
  observed.stop = async () => {
    await subscription.unsubscribe();
  };
  return observed;
}

import { EventStoreDbStandIn } from '../../tools/eventstoredb-standin/standin';

/**
 * Where the EventStoreDB suites run: the server named by EVENTSTORE_CONNECTION_STRING when it is set (a real
 * EventStoreDB), otherwise the wire-level stand-in (tools/eventstoredb-standin), started here for the suite.
 * The label says which, so no report can mistake a stand-in run for a real server's.
 */
export interface EventStoreDbTarget {
  connectionString: string;
  label: string;
  /** The stand-in, for fault injection; undefined on a real server. */
  standIn?: EventStoreDbStandIn;
  close(): Promise<void>;
}

export async function eventStoreDbTarget(): Promise<EventStoreDbTarget> {
  const real = process.env.EVENTSTORE_CONNECTION_STRING?.trim();
  if (real) return { connectionString: real, label: `EventStoreDB at ${real}`, close: async () => undefined };
  const standIn = await EventStoreDbStandIn.create();
  return {
    connectionString: standIn.connectionString,
    label: 'EventStoreDB wire stand-in (set EVENTSTORE_CONNECTION_STRING for a real server)',
    standIn,
    close: () => standIn.close(),
  };
}

/** The label without starting anything, for describe() names. */
export const eventStoreDbTargetLabel = (): string =>
  process.env.EVENTSTORE_CONNECTION_STRING?.trim()
    ? `EventStoreDB at ${process.env.EVENTSTORE_CONNECTION_STRING.trim()}`
    : 'EventStoreDB wire stand-in';

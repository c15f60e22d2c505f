import {
  eventStoreDbTarget,
  eventStoreDbTargetLabel,
  type EventStoreDbTarget,
} from '../../../../test/support/eventstoredb-target';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The shared EventStore contract over the real client and a real socket: against the server named by
 * EVENTSTORE_CONNECTION_STRING (e.g. 'esdb://localhost:2113?tls=false'), or, without it, against the
 * wire-level stand-in that speaks the client's own protocol definitions (tools/eventstoredb-standin).
 */
let target: EventStoreDbTarget | undefined;

beforeAll(async () => {
  target = await eventStoreDbTarget();
  process.stderr.write(`\nEventStoreDB contract suite against: ${target.label}\n`);
});
afterAll(() => target?.close());

const factory = async () => ({
  store: new EventStoreDbEventStore(target!.connectionString),
  // A new client on the same server: nothing the adapter holds in memory survives, as in a process restart.
  reopen: async () => new EventStoreDbEventStore(target!.connectionString),
});

// A remote server and the catch-up reads of $all take longer than Jest's default 5 s on a busy log.
jest.setTimeout(30_000);
// EventStoreDB has no index by event id: a reused id in another stream is not detectable (ADR 0002).
describeEventStoreContract(eventStoreDbTargetLabel(), factory, { globallyUniqueEventIds: false });

import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The shared EventStore contract against a real EventStoreDB, e.g.
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest libs/event-store/src/eventstoredb
 * Without a server the suite is skipped, loudly and visibly (every contract test reported as skipped): it
 * must never pass without having checked anything.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

const factory = async () => ({
  store: new EventStoreDbEventStore(connectionString as string),
  // A new client on the same server: nothing the adapter holds in memory survives, as in a process restart.
  reopen: async () => new EventStoreDbEventStore(connectionString as string),
});

if (connectionString) {
  // A remote server and the catch-up reads of $all take longer than Jest's default 5 s on a busy log.
  jest.setTimeout(30_000);
  // EventStoreDB has no index by event id: a reused id in another stream is not detectable (ADR 0002).
  describeEventStoreContract(`EventStoreDB (${connectionString})`, factory, { globallyUniqueEventIds: false });
} else {
  // Straight to stderr: Jest drops the console output of a file whose tests are all skipped.
  process.stderr.write(
    [
      '',
      '*'.repeat(80),
      '*** EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set',
      "*** Run it against a server, e.g. EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false'",
      '*'.repeat(80),
      '',
      '',
    ].join('\n'),
  );
  describe.skip('EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set', () => {
    describeEventStoreContract('EventStoreDB', factory);
  });
}

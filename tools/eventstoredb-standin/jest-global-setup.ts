import { EventStoreDbStandIn } from './standin';

/**
 * Jest globalSetup for contract.jest.config.json: starts one stand-in for the whole run and points the
 * project's EventStoreDB contract suite at it through EVENTSTORE_CONNECTION_STRING (test workers inherit it).
 */
export default async function setup(): Promise<void> {
  const standIn = await EventStoreDbStandIn.create();
  (globalThis as { eventStoreDbStandIn?: EventStoreDbStandIn }).eventStoreDbStandIn = standIn;
  process.env.EVENTSTORE_CONNECTION_STRING = standIn.connectionString;
  process.stderr.write(
    `\nEventStoreDB contract suite against the STAND-IN (not a real server): ${standIn.connectionString}\n`,
  );
}

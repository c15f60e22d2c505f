import type { EventStoreDbStandIn } from './standin';

export default async function teardown(): Promise<void> {
  await (globalThis as { eventStoreDbStandIn?: EventStoreDbStandIn }).eventStoreDbStandIn?.close();
}

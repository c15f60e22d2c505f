/// <reference types="jest" />
import { describeAppending } from './append.contract';
import { describeConcurrentAppends } from './concurrency.contract';
import { ContractHarness, type EventStoreFactory } from './contract-harness';
import { describeLifecycle } from './lifecycle.contract';
import { describeRandomHistories } from './model.contract';
import { describeReading } from './read.contract';
import { describeSubscribing } from './subscribe.contract';

export type { EventStoreFactory, EventStoreUnderTest } from './contract-harness';

export interface EventStoreContractOptions {
  /**
   * Whether to run the restart test (default true). It needs the factory to give `reopen`; an adapter that
   * cannot restart says so here and the test shows as skipped rather than passing without checking anything.
   */
  restart?: boolean;
  /**
   * Whether event ids are unique across the whole log (default true). EventStoreDB deduplicates ids per stream
   * only (it has no index by event id), so its suite sets false and that one test shows as skipped.
   */
  globallyUniqueEventIds?: boolean;
}

/**
 * The behaviour every EventStore adapter must show, as a Jest suite: call it from an adapter's *.int.spec.ts.
 * The factory runs before every test and may share one real server between runs: every test writes to
 * streams of its own (random suffix) and only judges those, whatever else is in the log.
 */
export function describeEventStoreContract(
  name: string,
  factory: EventStoreFactory,
  options: EventStoreContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    const harness = new ContractHarness(factory);
    beforeEach(() => harness.setUp());
    afterEach(() => harness.tearDown());

    describeAppending(harness, { globallyUniqueEventIds: options.globallyUniqueEventIds ?? true });
    describeConcurrentAppends(harness);
    describeReading(harness);
    describeSubscribing(harness);
    describeRandomHistories(harness);
    describeLifecycle(harness, { restart: options.restart ?? true });
  });
}

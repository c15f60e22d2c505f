import type { EventStore, ReadAllOptions, RecordedEvent } from '@itp/event-store';

/**
 * A read-only EventStore over recorded events in memory, for specs of code that reads the global log: `readAll`
 * honours fromPosition (exclusive), toPosition and toRecordedAt (inclusive) and maxCount as the adapters do.
 * Appends and subscriptions are not what such code does: they throw.
 */
export const arrayEventLog = (events: readonly RecordedEvent[]): EventStore & { reads: number } => {
  const store = {
    reads: 0,
    async appendToStream(): Promise<never> {
      throw new Error('arrayEventLog is read-only');
    },
    async readStream(streamId: string) {
      return events.filter((event) => event.streamId === streamId);
    },
    async *readAll(options: ReadAllOptions = {}) {
      store.reads += 1;
      let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      const until = options.toRecordedAt === undefined ? undefined : new Date(options.toRecordedAt).toISOString();
      for (const event of events) {
        if (remaining <= 0) return;
        if (event.position <= (options.fromPosition ?? 0)) continue;
        if (options.toPosition !== undefined && event.position > options.toPosition) return;
        if (until !== undefined && event.recordedAt > until) return;
        remaining -= 1;
        yield event;
      }
    },
    subscribeToAll(): never {
      throw new Error('arrayEventLog has no subscriptions');
    },
    async headPosition() {
      return events.at(-1)?.position ?? 0;
    },
    async health() {
      return { backend: 'sqlite' as const, reachable: true };
    },
    async close() {},
  };
  return store;
};

import type { RecordedEvent } from '@itp/event-store';
import { scanAuditLog, streamEventsAfter } from './scan-audit-log';

const event = (position: number, actor: string, type = 'ProjectRegistered'): RecordedEvent => ({
  id: `e${position}`,
  streamId: `project-${position % 3}`,
  revision: 0,
  position,
  type,
  data: {},
  metadata: { actor, role: 'integration', unit: `${actor}-unit`, commandId: 'c', correlationId: 'c', causationId: 'c' },
  recordedAt: new Date(Date.UTC(2014, 5, 1, 0, position)).toISOString(),
});

async function* log(events: RecordedEvent[]): AsyncIterable<RecordedEvent> {
  yield* events;
}

const tenEvents = Array.from({ length: 10 }, (_, i) => event(i + 1, i % 2 === 0 ? 'alice' : 'bob'));

describe('scanning the audit log', () => {
  it("stops at the limit and answers the last item's position as the cursor", async () => {
    const scan = await scanAuditLog(log(tenEvents), { actor: 'bob' }, 2, 100);
    expect(scan.items.map((e) => e.position)).toEqual([2, 4]);
    expect(scan.nextCursor).toBe(4);
  });

  it('answers a null cursor when the log ends before the limit', async () => {
    const scan = await scanAuditLog(log(tenEvents), { actor: 'bob' }, 50, 100);
    expect(scan.items.map((e) => e.position)).toEqual([2, 4, 6, 8, 10]);
    expect(scan.nextCursor).toBeNull();
  });

  it('stops at the scan limit with a cursor, even with few matches', async () => {
    const scan = await scanAuditLog(log(tenEvents.slice(0, 4)), { actor: 'nobody' }, 50, 4);
    expect(scan).toEqual({ items: [], nextCursor: 4, scanned: 4 });
  });

  it('filters by recorded time, unit, stream and type together', async () => {
    const events = [...tenEvents, event(11, 'alice', 'ProjectContractSigned')];
    const scan = await scanAuditLog(
      log(events),
      { from: events[4].recordedAt, unit: 'alice-unit', type: 'ProjectRegistered', streamId: 'project-1' },
      50,
      100,
    );
    expect(scan.items.map((e) => e.position)).toEqual([7]);
  });
});

describe("reading one stream's events after a position", () => {
  /** A stream of 7 events at positions 10, 20, ... 70, read by revision as the store's readStream does. */
  const stream = Array.from({ length: 7 }, (_, i) => ({ ...event((i + 1) * 10, 'alice'), revision: i }));
  const reads: { fromRevision?: number; maxCount?: number }[] = [];
  const storeOf = (events: RecordedEvent[]) => ({
    readStream: async (_id: string, options: { fromRevision?: number; maxCount?: number } = {}) => {
      reads.push(options);
      const from = events.filter((e) => e.revision >= (options.fromRevision ?? 0));
      return from.slice(0, options.maxCount ?? from.length);
    },
  });
  const store = storeOf(stream);
  const collect = async (events: AsyncIterable<RecordedEvent>) => {
    const out: number[] = [];
    for await (const e of events) out.push(e.position);
    return out;
  };
  beforeEach(() => (reads.length = 0));

  it('yields the events after the position, in order, reading the stream by pages', async () => {
    expect(await collect(streamEventsAfter(store, 'project-1', 25, undefined, 3))).toEqual([30, 40, 50, 60, 70]);
    expect(reads).toEqual([
      { fromRevision: 0, maxCount: 3 },
      { fromRevision: 3, maxCount: 3 },
      { fromRevision: 6, maxCount: 3 },
    ]);
  });

  it('bounds what it yields by the scan as the log is bounded: a cursor to continue from', async () => {
    const first = await scanAuditLog(streamEventsAfter(store, 'project-1', 0, undefined, 100), {}, 2, 100);
    expect(first.items.map((e) => e.position)).toEqual([10, 20]);
    const next = await scanAuditLog(
      streamEventsAfter(store, 'project-1', first.nextCursor!, undefined, 100),
      {},
      50,
      100,
    );
    expect(next.items.map((e) => e.position)).toEqual([30, 40, 50, 60, 70]);
    expect(next.nextCursor).toBeNull();
  });

  it('stops at the first event recorded after the bound: the log is not read beyond it', async () => {
    const to = stream[2]!.recordedAt; // the event at position 30
    expect(await collect(streamEventsAfter(store, 'project-1', 0, to, 2))).toEqual([10, 20, 30]);
    expect(reads).toEqual([
      { fromRevision: 0, maxCount: 2 },
      { fromRevision: 2, maxCount: 2 },
    ]);
  });

  it('pages after the last revision read, for a stream whose revisions do not start at 0 (truncated)', async () => {
    const truncated = storeOf(stream.slice(3)); // revisions 3..6
    expect(await collect(streamEventsAfter(truncated, 'project-1', 0, undefined, 2))).toEqual([40, 50, 60, 70]);
    expect(reads.map((r) => r.fromRevision)).toEqual([0, 5, 7]);
  });
});

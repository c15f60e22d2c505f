import type { RecordedEvent } from '@itp/event-store';
import { scanAuditLog } from './scan-audit-log';

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

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyPragmas, EVENTS_DDL } from '../../libs/event-store/src/sqlite/sqlite-schema';

/** About 300 bytes of data and metadata JSON, like one lifecycle event. */
function eventRow(index: number) {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    streamId: `project-${Math.floor(index / 8)}`,
    revision: index % 8,
    type: 'ProjectContractSigned',
    data: JSON.stringify({ projectId: randomUUID(), signedOn: '2014-03-05', recordedOn: '2026-12-01' }),
    metadata: JSON.stringify({
      actor: 'bench-admin',
      role: 'admin',
      unit: 'provincial-commerce-department',
      commandId,
      correlationId: commandId,
      causationId: commandId,
    }),
  };
}

/**
 * Raw better-sqlite3 on the adapter's table and pragmas (WAL, synchronous=FULL), no adapter: `events` rows in
 * transactions of `perTransaction` (1 = the durable single append, one fsync each). Answers events/s.
 */
export function rawAppendRate(dir: string, events: number, perTransaction: number): number {
  const db = new Database(join(dir, `raw-${perTransaction}-${randomUUID()}.sqlite`));
  applyPragmas(db, { busyTimeoutMs: 5000 });
  db.exec(EVENTS_DDL);
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rows = Array.from({ length: events }, (_, index) => eventRow(index));
  const write = db.transaction((batch: typeof rows) => {
    const recordedAt = new Date().toISOString();
    for (const row of batch)
      insert.run(row.id, row.streamId, row.revision, row.type, row.data, row.metadata, recordedAt);
  });
  try {
    const started = performance.now();
    for (let start = 0; start < rows.length; start += perTransaction)
      write.immediate(rows.slice(start, start + perTransaction));
    return events / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

/**
 * What the SQLite adapter costs over raw better-sqlite3 doing the same work on the same table, pragmas and
 * file system: appends one event per transaction (fsync-bound), batched appends, and a full replay.
 * Run: npm run bench:store. Medians of 3, each run on a fresh file in a temp dir.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventToAppend, ExpectedRevision } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { applyPragmas, EVENTS_DDL } from '../libs/event-store/src/sqlite/sqlite-schema';

const RUNS = 3;
const workDir = mkdtempSync(join(tmpdir(), 'itp-store-bench-'));
let fileCounter = 0;
const freshFile = () => join(workDir, `bench-${++fileCounter}.sqlite`);

/** A realistic investment-project event: about 320 bytes of data and metadata as JSON. */
function projectEvent(sequence: number): EventToAppend {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    type: 'ProjectContractSigned',
    data: { projectId: randomUUID(), amountCny: '1200000000.00', sector: 'electronics', sequence },
    metadata: {
      actor: 'u-7f3a',
      role: 'investment-officer',
      unit: 'hengyang',
      commandId,
      correlationId: commandId,
      causationId: commandId,
    },
  };
}

interface Row {
  id: string;
  streamId: string;
  revision: number;
  event: EventToAppend;
}

/** `count` events in streams of `perStream`, each with the revision it will get. */
function makeRows(count: number, perStream: number): Row[] {
  return Array.from({ length: count }, (_, index) => ({
    id: '',
    streamId: `project-${Math.floor(index / perStream)}`,
    revision: index % perStream,
    event: projectEvent(index),
  })).map((row) => ({ ...row, id: row.event.id }));
}

function openRaw(filePath: string) {
  const db = new Database(filePath);
  applyPragmas(db, { busyTimeoutMs: 5000 });
  db.exec(EVENTS_DDL);
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRows = db.transaction((rows: readonly Row[]) => {
    const recordedAt = new Date().toISOString();
    for (const { id, streamId, revision, event } of rows) {
      insert.run(
        id,
        streamId,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
    }
  });
  return { db, insertRows };
}

async function timed(work: () => Promise<number> | number): Promise<number> {
  const started = performance.now();
  const events = await work();
  return events / ((performance.now() - started) / 1000);
}

async function adapterAppends(rows: readonly Row[], batchSize: number): Promise<number> {
  const store = new SqliteEventStore({ filePath: freshFile() });
  try {
    return await timed(async () => {
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        const expectedRevision: ExpectedRevision = batch[0].revision === 0 ? 'no_stream' : batch[0].revision - 1;
        await store.appendToStream(
          batch[0].streamId,
          batch.map((row) => row.event),
          { expectedRevision },
        );
      }
      return rows.length;
    });
  } finally {
    await store.close();
  }
}

async function rawAppends(rows: readonly Row[], batchSize: number): Promise<number> {
  const { db, insertRows } = openRaw(freshFile());
  try {
    return await timed(() => {
      for (let start = 0; start < rows.length; start += batchSize)
        insertRows.immediate(rows.slice(start, start + batchSize));
      return rows.length;
    });
  } finally {
    db.close();
  }
}

async function adapterReplay(filePath: string): Promise<number> {
  const store = new SqliteEventStore({ filePath });
  try {
    return await timed(async () => {
      let count = 0;
      for await (const event of store.readAll()) if (event.position > 0) count += 1;
      return count;
    });
  } finally {
    await store.close();
  }
}

async function rawReplay(filePath: string): Promise<number> {
  const { db } = openRaw(filePath);
  const select = db.prepare<[], { data: string; metadata: string }>(
    'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
  );
  try {
    return await timed(() => {
      let count = 0;
      for (const row of select.iterate()) {
        const parsed = [JSON.parse(row.data), JSON.parse(row.metadata)];
        if (parsed.length === 2) count += 1;
      }
      return count;
    });
  } finally {
    db.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function compare(label: string, adapter: () => Promise<number>, raw: () => Promise<number>) {
  const adapterRates: number[] = [];
  const rawRates: number[] = [];
  // Interleaved, and each side first in turn, so that drift in the disk or the garbage left by the previous run
  // hits both sides alike.
  for (let run = 0; run < RUNS; run += 1) {
    if (run % 2 === 0) {
      adapterRates.push(await adapter());
      rawRates.push(await raw());
    } else {
      rawRates.push(await raw());
      adapterRates.push(await adapter());
    }
  }
  return { label, adapter: median(adapterRates), raw: median(rawRates) };
}

async function main(): Promise<void> {
  const sample = projectEvent(0);
  const eventBytes = JSON.stringify(sample.data).length + JSON.stringify(sample.metadata).length;
  const sqliteVersion = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  console.log(
    `Node ${process.version}, SQLite ${sqliteVersion}, ${availableParallelism()} cores, events of ~${eventBytes} bytes (data + metadata JSON), WAL + synchronous=FULL, median of ${RUNS}`,
  );

  const started = performance.now();
  await adapterAppends(makeRows(500, 100), 100); // warm-up: JIT and page cache
  const single = makeRows(2_000, 10);
  const batch100 = makeRows(20_000, 100);
  const batch1000 = makeRows(50_000, 1000);
  const results = [
    await compare(
      'append, 1 event per append',
      () => adapterAppends(single, 1),
      () => rawAppends(single, 1),
    ),
    await compare(
      'append, 100 events per append',
      () => adapterAppends(batch100, 100),
      () => rawAppends(batch100, 100),
    ),
    await compare(
      'append, 1000 events per append',
      () => adapterAppends(batch1000, 1000),
      () => rawAppends(batch1000, 1000),
    ),
  ];
  const replayFile = freshFile();
  const { db, insertRows } = openRaw(replayFile);
  for (let start = 0; start < batch1000.length; start += 1000)
    insertRows.immediate(batch1000.slice(start, start + 1000));
  db.close();
  await adapterReplay(replayFile); // warm-up: page cache and JIT, so that neither side pays them
  await rawReplay(replayFile);
  results.push(
    await compare(
      `readAll of ${batch1000.length} events + JSON.parse`,
      () => adapterReplay(replayFile),
      () => rawReplay(replayFile),
    ),
  );

  const rate = (value: number) => Math.round(value).toLocaleString('en-US').padStart(10);
  console.log(`\n| ${'case'.padEnd(40)} | adapter ev/s | raw ev/s   | adapter/raw |`);
  console.log(`|${'-'.repeat(42)}|--------------|------------|-------------|`);
  for (const { label, adapter, raw } of results) {
    console.log(
      `| ${label.padEnd(40)} | ${rate(adapter)}   | ${rate(raw)} | ${(adapter / raw).toFixed(2).padStart(11)} |`,
    );
  }
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));

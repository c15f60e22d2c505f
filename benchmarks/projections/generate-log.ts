import { DOMAIN_EVENTS } from '@itp/domain';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v4 as uuid } from 'uuid';
import { chainMetadata, GENESIS_HASH, SqliteEventStore, type EventMetadata } from '@itp/event-store';
import { simulateProvince, type SimulatedAppend } from '@itp/projections/simulation/province-simulator';

export interface GenerateResult {
  events: number;
  streams: number;
  projects: number;
  refused: number;
  seconds: number;
  fileMb: number;
  avgEventBytes: number;
  /** Events/s through SqliteEventStore.appendToStream (one append per command), measured on a sample. */
  adapterAppendRate: number;
}

const ROLE_OF: Record<string, { role: string; unit: string; actor: string }> = {
  'exchange-rates': { role: 'admin', unit: 'provincial-commerce-department', actor: 'rates-desk' },
  park: { role: 'integration', unit: 'park-management-committee', actor: 'park-client' },
  investor: { role: 'integration', unit: 'investment-promotion-bureau', actor: 'investor-desk' },
  project: { role: 'integration', unit: 'city-commerce-bureau', actor: 'city-client' },
};

/** Metadata as the command side writes it: who, which command, and the per-stream hash chain. */
const metadataFor = (
  append: SimulatedAppend,
  index: number,
  revision: number,
  previousHash: string,
  type: string,
  data: Record<string, unknown>,
): EventMetadata => {
  const who = ROLE_OF[append.streamId.startsWith('exchange-rates') ? 'exchange-rates' : append.streamId.split('-')[0]];
  const commandId = uuid();
  const base = {
    actor: who.actor,
    role: who.role,
    unit: who.unit,
    commandId,
    correlationId: commandId,
    causationId: commandId,
    requestHash: `${index}`,
    schemaVersion: DOMAIN_EVENTS.schemaVersion(type),
  };
  return chainMetadata({ streamId: append.streamId, revision, type, data, metadata: base }, previousHash);
};

/** Appends through the adapter (WAL, synchronous=FULL, one transaction per command) to show why the bulk load does not. */
async function adapterAppendRate(dir: string, appends: SimulatedAppend[]): Promise<number> {
  const store = new SqliteEventStore({ filePath: join(dir, 'adapter-sample.sqlite') });
  const started = process.hrtime.bigint();
  let events = 0;
  for (const append of appends) {
    await store.appendToStream(
      append.streamId,
      append.events.map(({ type, data }) => ({
        id: uuid(),
        type,
        data,
        metadata: { actor: 'a', role: 'integration', unit: 'u', commandId: 'c', correlationId: 'c', causationId: 'c' },
      })),
      { expectedRevision: 'any' },
    );
    events += append.events.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return Math.round(events / seconds);
}

/**
 * Fills `<dir>/events.sqlite` with `target` events of a simulated province: the schema is created by the adapter
 * itself, then rows go in with plain INSERTs into that same table, 10,000 per transaction with synchronous=OFF
 * (a bulk load; the adapter's append fsyncs every command, see adapterAppendRate).
 */
export async function generateLog(dir: string, target: number): Promise<GenerateResult> {
  const file = join(dir, 'events.sqlite');
  await new SqliteEventStore({ filePath: file }).close();
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const projects = Math.max(1, Math.round(target / 100));
  const counters = { commands: 0, refused: 0 };
  const chains = new Map<string, { revision: number; hash: string }>();
  const started = Date.now();
  const sample: SimulatedAppend[] = [];
  let events = 0;
  let bytes = 0;
  let clock = 0;
  let rows: unknown[][] = [];
  const flush = db.transaction((batch: unknown[][]) => {
    for (const row of batch) insert.run(...row);
  });
  for (const append of simulateProvince({ projects, seed: 20140101, months: 120 }, counters)) {
    if (sample.length < 2000) sample.push(append);
    clock = Math.max(clock + 1, Date.parse(`${append.recordedOn}T01:00:00.000Z`));
    const recordedAt = new Date(clock).toISOString();
    for (const { type, data } of append.events) {
      const chain = chains.get(append.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const revision = chain.revision + 1;
      const metadata = metadataFor(append, events, revision, chain.hash, type, data);
      chains.set(append.streamId, { revision, hash: metadata.hash as string });
      const dataJson = JSON.stringify(data);
      const metadataJson = JSON.stringify(metadata);
      bytes += dataJson.length + metadataJson.length + type.length + append.streamId.length;
      rows.push([uuid(), append.streamId, revision, type, dataJson, metadataJson, recordedAt]);
      events += 1;
    }
    if (rows.length >= 10_000) {
      flush(rows);
      rows = [];
    }
    if (events >= target) break;
  }
  flush(rows);
  db.close();
  const seconds = (Date.now() - started) / 1000;
  return {
    events,
    streams: chains.size,
    projects,
    refused: counters.refused,
    seconds,
    fileMb: Math.round(statSync(file).size / 1e6),
    avgEventBytes: Math.round(bytes / events),
    adapterAppendRate: await adapterAppendRate(dir, sample),
  };
}

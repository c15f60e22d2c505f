import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@itp/event-store';
import { RebuildNotary, RebuildVerifier } from '@itp/event-store/notary';
import { loadConfig } from '@itp/platform';
import { ALL_PROJECTIONS, type Projection } from '@itp/projections';
import { ProjectionRunner, type ProjectionRunnerOptions } from '@itp/projections/runner';
import { EmbeddedReadStore } from '@itp/read-store';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { createApiApp as CreateApiApp } from '../../apps/api/src/bootstrap';
import type { ProjectionsHost as Host } from '../../apps/api/src/projections/projections-host.service';
import type { NotaryHost as Notary } from '../../apps/api/src/audit/notary/notary-host.service';
import { BENCH_KEY, get, measureQueries, type QueryFigure } from './measure-queries';

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

/** (a) The ceiling: the whole log read through the adapter (paged SELECT + JSON.parse of data and metadata). */
export async function measureRead(
  dir: string,
): Promise<{ events: number; seconds: number; rate: number; rawSqlRate: number }> {
  const store = new SqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const event of store.readAll()) if (event.position > 0) events += 1;
  const elapsed = seconds(started);
  await store.close();
  // The same rows without the adapter, for reference: what SQLite and JSON.parse cost alone.
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
  const rawStarted = process.hrtime.bigint();
  let raw = 0;
  for (const row of db.prepare('SELECT data, metadata FROM events ORDER BY position').iterate() as Iterable<{
    data: string;
    metadata: string;
  }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    raw += 1;
  }
  const rawRate = Math.round(raw / seconds(rawStarted));
  db.close();
  return { events, seconds: elapsed, rate: Math.round(events / elapsed), rawSqlRate: rawRate };
}

/**
 * (a') The ceiling of a rebuild as the api runs it: (a), and the verification every rebuild makes as it reads
 * (RebuildVerifier, batch by batch: each stream's chain, and the global chain against the notary's links when
 * the dir has a notary.sqlite, as the api's has). The issue's baseline for a verifying rebuild: read + parse + hash.
 */
export async function measureReadVerified(
  dir: string,
): Promise<{ events: number; seconds: number; rate: number; notary: boolean }> {
  const store = new SqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  const notary = new RebuildNotary(join(dir, 'notary.sqlite'));
  const verifier = new RebuildVerifier(notary.notary);
  const started = process.hrtime.bigint();
  let events = 0;
  let batch: Awaited<ReturnType<SqliteEventStore['readStream']>> = [];
  for await (const event of store.readAll()) {
    batch.push(event);
    if (batch.length === 1000) {
      await verifier.checkBatch(batch);
      events += batch.length;
      batch = [];
    }
  }
  await verifier.checkBatch(batch);
  events += batch.length;
  const elapsed = seconds(started);
  const withNotary = notary.notary !== undefined;
  await notary.close();
  await store.close();
  return { events, seconds: elapsed, rate: Math.round(events / elapsed), notary: withNotary };
}

/** A projection that handles no event: the runner's own cost over the read (ADR 0006). */
export const IDLE_PROJECTION: Projection = {
  name: 'idle',
  version: 1,
  collection: 'idle',
  handles: new Set(),
  documentIds: () => [],
  evolve: () => null,
};

type RebuildResult = {
  events: number;
  seconds: number;
  rate: number;
  documents: Record<string, number>;
  avgDocumentBytes: Record<string, number>;
  maxDocumentBytes: Record<string, number>;
};

/**
 * (b) Every projection from nothing into a fresh embedded read store: one reader, 1000-event batches.
 * `catchUpCommit` { events: 1, documents: 1 } commits every batch, as the runner did before commit windows.
 */
export async function measureRebuild(
  dir: string,
  {
    projections = ALL_PROJECTIONS,
    catchUpCommit,
    verified = false,
  }: {
    projections?: readonly Projection[];
    catchUpCommit?: ProjectionRunnerOptions['catchUpCommit'];
    /** As the api's first fold into an empty read store: verifying the log as it reads it (see (a')). */
    verified?: boolean;
  } = {},
): Promise<RebuildResult> {
  const readStorePath = join(dir, 'read-models.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(readStorePath + suffix, { force: true });
  const eventStore = new SqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  const readStore = new EmbeddedReadStore({ filePath: readStorePath });
  const head = await eventStore.headPosition();
  const notary = new RebuildNotary(join(dir, 'notary.sqlite'));
  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections,
    batchSize: 1000,
    catchUpCommit,
    ...(verified ? { verifyRebuilds: notary } : {}),
  });
  const started = process.hrtime.bigint();
  await runner.start();
  const reached = await runner.waitFor(
    head,
    projections.map((p) => p.name),
    3_600_000,
  );
  const elapsed = seconds(started);
  if (!reached) throw new Error(`the rebuild did not reach ${head}: ${JSON.stringify(await runner.statuses())}`);
  await runner.stop();
  await notary.close();
  const documents: Record<string, number> = {};
  for (const projection of projections)
    documents[projection.name] = await readStore.collection(projection.collection).count();
  await eventStore.close();
  await readStore.close();
  // Stored size of the documents per physical collection, read in SQL so that no document enters this heap.
  const db = new Database(readStorePath, { readonly: true });
  const sizes = db
    .prepare(
      // Body and series (kept apart for long ones, stored-series.ts): a document's whole stored size.
      `SELECT collection, avg(length(CAST(body AS BLOB)) + coalesce(length(CAST(series AS BLOB)), 0)) AS avg,
        max(length(CAST(body AS BLOB)) + coalesce(length(CAST(series AS BLOB)), 0)) AS max
       FROM read_documents GROUP BY collection`,
    )
    .all() as { collection: string; avg: number; max: number }[];
  db.close();
  const avgDocumentBytes = Object.fromEntries(sizes.map(({ collection, avg }) => [collection, Math.round(avg)]));
  const maxDocumentBytes = Object.fromEntries(sizes.map(({ collection, max }) => [collection, max]));
  return {
    events: head,
    seconds: elapsed,
    rate: Math.round(head / elapsed),
    documents,
    avgDocumentBytes,
    maxDocumentBytes,
  };
}

export interface StartupResult {
  /** First start on a log the notary has not linked (as generated): it links the whole log in the background. */
  firstStart: { readyMs: number; notaryLinkedMs: number; notaryEvents: number; slowestHealthMs: number };
  /** Start after a clean stop, as every later start is. */
  readyMs: number;
  liveMs: number;
  /** The first query at once after ready (the read store's warm-up has just begun). */
  firstQueryMs: number;
  healthStatus: number;
}

export interface ServingResult {
  readyMs: number;
  /** From start until the read store's warm-up is done, and the first query after it. */
  warmUpMs: number;
  firstQueryWarmMs: number;
  queries: QueryFigure[];
  /** afterGc: with the api still open, after a full collection (node --expose-gc; else null). */
  rssMb: { ready: number; afterQueries: number; afterGc: number | null };
  heapUsedMb: { afterQueries: number; afterGc: number | null };
}

const timed = async (app: NestFastifyApplication, url: string): Promise<number> => (await get(app, url)).ms;

/** What stays when garbage is collected (the phase runs with --expose-gc), or null. */
const collectGarbage = (): NodeJS.MemoryUsage | null => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  gc();
  return process.memoryUsage();
};

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/**
 * (c) From createApiApp to answering /health with every projection live, on a data dir already caught up.
 * Runs the BUILT api (dist/, as production does): tsx compiles with esbuild, which emits no decorator
 * metadata, so Nest's injection cannot work from the TypeScript sources here.
 * Twice: first on the generated dir, which has no notary records (the first start of a notary on an old log:
 * it links the whole log after the api is ready, while /health is asked every 100 ms), then after that clean
 * stop, as any later start, where the first query and every documented query are timed.
 */
function builtApi(dir: string, distDir: string) {
  const api = join(distDir, 'apps', 'api', 'apps', 'api', 'src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApiApp } = require(join(api, 'bootstrap.js')) as { createApiApp: typeof CreateApiApp };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ProjectionsHost } = require(join(api, 'projections', 'projections-host.service.js')) as {
    ProjectionsHost: typeof Host;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NotaryHost } = require(join(api, 'audit', 'notary', 'notary-host.service.js')) as {
    NotaryHost: typeof Notary;
  };
  const keys = JSON.stringify([{ key: BENCH_KEY, role: 'admin', unit: 'bench', cities: '*' }]);
  const config = loadConfig({
    ITP_DATA_DIR: dir,
    ITP_API_KEYS: keys,
    LOG_LEVEL: 'silent',
    ITP_SIGNING_KEY_FILE: join(dir, '..', `${basename(dir)}-signing-key.pem`),
  });
  const start = async () => {
    const started = process.hrtime.bigint();
    const app = await createApiApp(config, { quiet: true });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return { app, readyMs: seconds(started) * 1000, started, health: 0 };
  };

  return { start, ProjectionsHost, NotaryHost };
}

export async function measureStartup(dir: string, distDir: string): Promise<StartupResult> {
  const { start, ProjectionsHost, NotaryHost } = builtApi(dir, distDir);
  const first = await start();
  const head = await first.app.get(ProjectionsHost).runner!.statuses();
  const logHead = head[0]?.head ?? 0;
  let slowestHealthMs = 0;
  for (;;) {
    const asked = process.hrtime.bigint();
    await first.app.inject({ method: 'GET', url: '/health' });
    slowestHealthMs = Math.max(slowestHealthMs, seconds(asked) * 1000);
    const integrity = first.app.get(NotaryHost).integrity();
    if ((integrity.head?.position ?? 0) >= logHead) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const notaryLinkedMs = seconds(first.started) * 1000;
  const notaryEvents = first.app.get(NotaryHost).integrity().head?.seq ?? 0;
  await first.app.close();

  // Any later start: the first query at once (the read store's warm-up has just begun), then again once warm.
  const cold = await start();
  const coldRunner = cold.app.get(ProjectionsHost).runner!;
  await coldRunner.waitFor(logHead, coldRunner.names, 60_000);
  const liveMs = seconds(cold.started) * 1000;
  const firstQueryMs = await timed(cold.app, '/api/v1/statistics/targets?year=2016');
  cold.health = (await cold.app.inject({ method: 'GET', url: '/health' })).statusCode;
  await cold.app.close();

  return {
    firstStart: { readyMs: first.readyMs, notaryLinkedMs, notaryEvents, slowestHealthMs },
    readyMs: cold.readyMs,
    liveMs,
    firstQueryMs,
    healthStatus: cold.health,
  };
}

/** (e) Serving on the caught-up dir, in a process of its own: the warm-up, every documented query, the api's memory. */
export async function measureServing(dir: string, distDir: string): Promise<ServingResult> {
  const { start, ProjectionsHost } = builtApi(dir, distDir);
  const { app, readyMs, started } = await start();
  await app.listen(0, '127.0.0.1');
  const rssReady = process.memoryUsage().rss;
  await app.get(ProjectionsHost).warmedUp;
  const warmUpMs = seconds(started) * 1000;
  const firstQueryWarmMs = await timed(app, '/api/v1/statistics/targets?year=2016');
  const queries = await measureQueries(app);
  const afterQueries = process.memoryUsage();
  const retained = collectGarbage();
  await app.close();
  return {
    readyMs,
    warmUpMs,
    firstQueryWarmMs,
    queries,
    rssMb: { ready: mb(rssReady), afterQueries: mb(afterQueries.rss), afterGc: retained && mb(retained.rss) },
    heapUsedMb: { afterQueries: mb(afterQueries.heapUsed), afterGc: retained && mb(retained.heapUsed) },
  };
}

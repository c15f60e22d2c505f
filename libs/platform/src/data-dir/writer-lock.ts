import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ItpConfig } from '../config/itp-config';
import { ensurePrivateDir, makeStoreFilesPrivate } from './file-modes';

/**
 * One writer per embedded store of a data directory (ITP_DATA_DIR).
 *
 * Two processes folding projections into the same `read-models.sqlite` race on rebuild switches and serve
 * diverging read models; so every process that WRITES a store of the data directory takes that store's writer
 * lock at start, before it opens anything, and a second writer refuses to start with a message naming the
 * directory and the holder's pid. Reading needs no lock: read-only tools (verify, export, reports) open the
 * files while the api runs.
 *
 * The stores are locked separately, because writing one and reading the other is a legitimate split: an api with
 * ITP_PROJECTIONS_IN_PROCESS=false appends to `events.sqlite` while a projector folds it into the embedded
 * `read-models.sqlite`, and a projector on SQLite + MongoDB only reads the data directory (MongoDB writes are
 * guarded by the projector lease instead). Which process writes what is `storesWrittenBy` below.
 *
 * The lock is the operating system's, not a pid file: `<dataDir>/.writer-lock/<store>.lock` is an SQLite
 * database on which the holder keeps `BEGIN EXCLUSIVE` open for its whole life (better-sqlite3, already a
 * dependency). The kernel drops the lock when the holder dies, however it dies, so there are no stale locks to
 * detect: no guessing from a pid that may have been reused (a container's api is often pid 1 after every
 * restart), no time-based expiry that would hand the files to a second writer while the first is only paused.
 * SQLite also refuses a second lock from the same process (two apps in one test process). Beside it,
 * `<store>.holder.json` says who holds it (pid, app, host, since), for the refusal message and for operators;
 * it is informational only and a left-over one (the holder was killed) is simply replaced.
 */
export type DataDirStore = 'events' | 'read-models';

export interface WriterLockHolder {
  pid: number;
  hostname: string;
  app: string;
  since: string;
  dataDir: string;
  store: DataDirStore;
  /** Tells this holder's record from an earlier one of the same pid. */
  nonce: string;
}

const STORE_FILES: Record<DataDirStore, string> = {
  events: 'event log (events.sqlite)',
  'read-models': 'read models (read-models.sqlite)',
};

export const writerLockDir = (dataDir: string): string => join(dataDir, '.writer-lock');
const lockFile = (dataDir: string, store: DataDirStore) => join(writerLockDir(dataDir), `${store}.lock`);
const holderFile = (dataDir: string, store: DataDirStore) => join(writerLockDir(dataDir), `${store}.holder.json`);

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly store: DataDirStore,
    readonly holder: WriterLockHolder | undefined,
  ) {
    const who =
      holder === undefined
        ? `another process (its pid is not recorded in ${holderFile(dataDir, store)})`
        : `pid ${holder.pid} (${holder.app} on ${holder.hostname}, since ${holder.since})`;
    super(
      `The data directory ${dataDir} is in use: ${who} writes its ${STORE_FILES[store]}. ` +
        'Only one process may write a data directory: stop that process first, or set another ITP_DATA_DIR. ' +
        '(Read-only tools may still open it.)',
    );
  }
}

/** The stores of the data directory a process writes, given its configuration. */
export function storesWrittenBy(config: ItpConfig, app: 'api' | 'projector'): DataDirStore[] {
  const stores: DataDirStore[] = [];
  // The projector only reads the event log; the api appends to it.
  if (app === 'api' && config.eventStore.backend === 'sqlite') stores.push('events');
  const foldsProjections = app === 'projector' || config.projectionsInProcess;
  if (config.readStore.backend === 'embedded' && foldsProjections) stores.push('read-models');
  return stores;
}

export interface WriterLock {
  readonly dataDir: string;
  readonly stores: readonly DataDirStore[];
  /** Idempotent. The kernel releases the lock anyway when the process ends. */
  release(): void;
}

/** Who holds a store's writer lock, as recorded; undefined when nobody recorded it (or the file is unreadable). */
export function readWriterLockHolder(dataDir: string, store: DataDirStore): WriterLockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(holderFile(dataDir, store), 'utf8')) as WriterLockHolder;
    return Number.isInteger(parsed.pid) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * The holder record of a lock someone else holds. A new holder writes it just after taking the lock, so a record
 * that is missing or names a dead process of this host is read again for a moment before it is believed.
 */
function settledHolder(dataDir: string, store: DataDirStore): WriterLockHolder | undefined {
  let holder: WriterLockHolder | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    holder = readWriterLockHolder(dataDir, store);
    if (holder !== undefined && (holder.hostname !== hostname() || isAlive(holder.pid))) return holder;
    sleepSync(50);
  }
  return undefined;
}

function lockOne(dataDir: string, store: DataDirStore, app: string): () => void {
  const db = new Database(lockFile(dataDir, store), { timeout: 0 });
  makeStoreFilesPrivate(lockFile(dataDir, store));
  try {
    // Nothing is ever written: no rollback journal file beside the lock.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(dataDir, store, settledHolder(dataDir, store));
    throw error;
  }
  const holder: WriterLockHolder = {
    pid: process.pid,
    hostname: hostname(),
    app,
    since: new Date().toISOString(),
    dataDir,
    store,
    nonce: randomUUID(),
  };
  const file = holderFile(dataDir, store);
  const temporary = `${file}.${process.pid}.${holder.nonce}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(holder, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    try {
      if (readWriterLockHolder(dataDir, store)?.nonce === holder.nonce) rmSync(file, { force: true });
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
  };
}

/**
 * Takes the writer lock of each store (none: a lock that holds nothing), or throws DataDirInUseError naming the
 * directory and the holder, having taken nothing. Call it before opening the stores; release at shutdown.
 */
export function acquireWriterLock(
  dataDir: string,
  stores: readonly DataDirStore[],
  options: { app: string },
): WriterLock {
  const releases: (() => void)[] = [];
  const releaseAll = () => {
    for (const release of releases.splice(0).reverse()) release();
  };
  if (stores.length > 0) {
    // Private like the rest of the data directory (file-modes.ts).
    ensurePrivateDir(dataDir);
    ensurePrivateDir(writerLockDir(dataDir));
  }
  try {
    for (const store of stores) releases.push(lockOne(dataDir, store, options.app));
  } catch (error) {
    releaseAll();
    throw error;
  }
  return { dataDir, stores: [...stores], release: releaseAll };
}

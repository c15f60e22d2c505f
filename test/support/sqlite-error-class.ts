import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const nodeRequire = createRequire(__filename);

/**
 * Jest gives each test file its own module registry but loads native addons once per process, and
 * better-sqlite3 hands its SqliteError class to its addon only once (WiseLibs/better-sqlite3#162, #1159).
 * In every later test file of a worker, SQLite errors are instances of an earlier file's class, so the event
 * store's `instanceof Database.SqliteError` checks (event-id clash, unusable file) fail: an id clash that
 * production answers 422 became a 500 under `jest --runInBand`. Re-registering this file's class gives the
 * tests what production has, one registry. (The lasting fix belongs in libs/event-store: test the error's
 * `code`, not its class.)
 */
export function registerSqliteErrorClassOfThisTestFile(): void {
  const root = dirname(nodeRequire.resolve('better-sqlite3/package.json'));
  const addon = nodeRequire(join(root, 'build', 'Release', 'better_sqlite3.node')) as { setErrorConstructor(ctor: unknown): void; isInitialized?: boolean };
  addon.setErrorConstructor(Database.SqliteError);
  addon.isInitialized = true;
}

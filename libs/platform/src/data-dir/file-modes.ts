import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The data directory is its owner's alone: 0700, whatever umask the process started with. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((lstatSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/**
 * A store file of the data directory and its companions (`-wal`, `-shm`, `-journal`) to 0600. SQLite creates a
 * database with the process's umask (0644 by default) and its WAL and shared-memory files with the database's
 * own mode, so tightening the database right after it is opened covers the companions it creates later.
 * Answers the files whose mode was changed.
 */
export function makeStoreFilesPrivate(filePath: string): string[] {
  const dir = dirname(filePath);
  const name = basename(filePath);
  const changed: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry !== name && !entry.startsWith(`${name}-`)) continue;
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (!stat.isFile() || (stat.mode & 0o777) === 0o600) continue;
    chmodSync(path, 0o600);
    changed.push(path);
  }
  return changed;
}

/** The permission bits a file grants to its group and to others (0 when it is private). */
export const groupOrOtherBits = (path: string): number => lstatSync(path).mode & 0o077;

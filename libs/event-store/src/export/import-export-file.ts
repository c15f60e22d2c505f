import { GENESIS_ANCHOR } from '../notary/global-chain';
import { LogVerifier, type ChainVerification } from '../notary/log-verifier';
import { ExportFileError } from './export-line';
import { ExportFileReader, type ExportFileProgress } from './export-file-reader';
import type { SqliteImport } from './sqlite-import';

/** What reading an export file through found: whether every line is an event and every stream's chain holds. */
export interface ExportFileCheck {
  valid: boolean;
  events: number;
  bytes: number;
  /** SHA-256 of the file's bytes, so a second pass can prove it read the same file. */
  digest: string;
  /**
   * The log verifier's answer over the file, as for a stored log (libs/event-store/src/notary/log-verifier.ts):
   * every stream's chain from revision 0, and the global chain recomputed over the file (`head.link` is what the
   * notary will record for the imported log). No notary and no checkpoints: those belong to a data directory.
   */
  verification: ChainVerification;
  /** A line that is not an exported event, or out of the log's order: reading stopped there. */
  formatError?: ExportFileError;
  first?: { position: number; recordedAt: string };
  last?: { position: number; recordedAt: string };
}

/** Reads the whole file once and verifies it: every line, the order of the log, every stream's chain. */
export async function checkExportFile(
  path: string,
  onProgress?: (progress: ExportFileProgress) => void,
): Promise<ExportFileCheck> {
  const reader = new ExportFileReader(path, onProgress);
  const verifier = new LogVerifier(undefined, GENESIS_ANCHOR);
  let first: ExportFileCheck['first'];
  let last: ExportFileCheck['last'];
  let formatError: ExportFileError | undefined;
  try {
    for await (const { event } of reader.events()) {
      await verifier.check(event);
      first ??= { position: event.position, recordedAt: event.recordedAt };
      last = { position: event.position, recordedAt: event.recordedAt };
    }
  } catch (error) {
    if (!(error instanceof ExportFileError)) throw error;
    formatError = error;
  }
  const verification = await verifier.finish();
  return {
    valid: formatError === undefined && verification.valid,
    events: verification.events,
    bytes: reader.bytesRead,
    digest: reader.digest(),
    verification,
    ...(formatError ? { formatError } : {}),
    ...(first ? { first } : {}),
    ...(last ? { last } : {}),
  };
}

/** The file changed between the pass that verified it and the pass that wrote it. */
export class ExportFileChangedError extends Error {
  override readonly name = 'ExportFileChangedError';
  constructor(readonly path: string) {
    super(`${path} changed while it was being imported: nothing was imported`);
  }
}

/**
 * The second pass: writes every event of a file that `checkExportFile` found valid into the import, then checks
 * that the bytes were the same ones verified (`expectedDigest`). Throws without committing otherwise (an event id
 * stored twice, a changed file): the caller aborts the import and nothing is written.
 */
export async function writeExportFile(
  path: string,
  target: SqliteImport,
  expectedDigest: string,
  onProgress?: (progress: ExportFileProgress) => void,
): Promise<number> {
  const reader = new ExportFileReader(path, onProgress);
  let events = 0;
  for await (const { event, line } of reader.events()) {
    try {
      target.insert(event);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new ExportFileError(line, `event ${event.id} is already in the file above this line`);
      throw error;
    }
    events += 1;
  }
  if (reader.digest() !== expectedDigest) throw new ExportFileChangedError(path);
  return events;
}

import { statSync } from 'node:fs';
import { checkExportFile, type ExportFileCheck } from '@itp/event-store/export';
import { count, plural, println } from '../shared/output';
import { progressBar } from '../shared/progress';

/**
 * The first pass of every import, whatever the store: reads the whole file, checks every line, the order of the
 * log and every stream's hash chain, and writes nothing. Only a file found valid is read a second time and written.
 */
export async function verifyImportFile(file: string, progress: boolean): Promise<ExportFileCheck> {
  const verifying = progressBar('verifying file', statSync(file).size, { enabled: progress, unit: 'bytes' });
  try {
    return await checkExportFile(file, ({ bytesRead }) => verifying.update(bytesRead));
  } finally {
    verifying.stop();
  }
}

/** Why a file was refused: its first line that is not an exported event, or its first broken chain. */
export function printRefusal(file: string, check: ExportFileCheck): void {
  println(`Refused ${file}: nothing was imported.`);
  if (check.formatError) println(`  ${check.formatError.message}`);
  const { streams, firstBreak } = check.verification;
  if (streams.broken > 0) {
    println(`  ${firstBreak}`);
    println(`  ${plural(streams.broken, 'stream')} of ${count(streams.checked)} broken`);
  }
}

import { existsSync, statSync } from 'node:fs';
import {
  ExportFileChangedError,
  ExportFileError,
  SqliteImport,
  storedEventCount,
  StoreNotEmptyError,
  writeExportFile,
  type ExportFileCheck,
} from '@itp/event-store/export';
import type { ItpConfig } from '@itp/platform';
import { ensurePrivateDir, makeStoreFilesPrivate } from '@itp/platform/data-dir/file-modes';
import { ALL_PROJECTIONS } from '@itp/projections';
import { EmbeddedReadStore } from '@itp/read-store';
import { CliError, EXIT, unavailable, usageError, type ExitCode } from '../shared/cli-errors';
import { count, plural, println } from '../shared/output';
import { progressBar } from '../shared/progress';
import { cliConfig, readStoreName } from '../shared/stores';
import { importIntoEventStoreDb } from './eventstoredb-import';
import { foldReadModels } from './fold-read-models';
import { printRefusal, verifyImportFile } from './import-file-check';

export interface ImportOptions {
  progress: boolean;
  readModels: boolean;
  resume?: boolean;
}

const RESUME_IS_FOR_ESDB =
  '--resume is for EventStoreDB, where an import is many appends. On the embedded event log (ITP_DATA_DIR) an ' +
  'import is one transaction: an interrupted one wrote nothing, so run `itp import FILE` again without --resume.';

/**
 * `itp import FILE`. With EVENTSTORE_CONNECTION_STRING set, into an empty EventStoreDB, which assigns positions and
 * recorded times itself: eventstoredb-import.ts says what such an import keeps. Otherwise, into an EMPTY embedded
 * event log, keeping every position, recorded time, id and hash, so that export -> import -> export gives the same
 * bytes. Two passes over the file: the first checks every
 * line and every stream's chain and writes nothing; only a file that verifies is read again and written, in one
 * transaction, and committed only if the second pass read the very bytes the first verified. Then the embedded
 * read models are folded from the imported log. A writer: run it with the api stopped. The log itself is guarded by
 * the import's transaction (BEGIN IMMEDIATE), which finds it empty or refuses.
 */
export async function importCommand(file: string, options: ImportOptions): Promise<ExitCode> {
  const config = cliConfig();
  if (!existsSync(file) || !statSync(file).isFile()) throw usageError(`There is no file ${file} to import.`);
  if (config.eventStore.backend === 'eventstoredb')
    return importIntoEventStoreDb(file, config, { progress: options.progress, resume: options.resume ?? false });
  if (options.resume) throw usageError(RESUME_IS_FOR_ESDB);
  const target = config.eventStore.filePath;
  const foldHere = options.readModels && config.readStore.backend === 'embedded';
  await assertEmpty(config, target);
  const check = await verifyImportFile(file, options.progress);
  if (!check.valid) {
    printRefusal(file, check);
    return EXIT.failed;
  }
  // Nothing was touched until here: a refused file leaves the data directory as it was. Checked again after the
  // (long) first pass, and once more inside the transaction. (When the data directory's writer lock lands,
  // libs/platform/src/data-dir/writer-lock.ts, it is taken here for the log and, when folding, the read models.)
  await assertEmpty(config, target);
  ensurePrivateDir(config.dataDir);
  const events = await writeAll(file, target, check, options.progress);
  makeStoreFilesPrivate(target);
  println(
    `Imported ${plural(events, 'event')} of ${plural(check.verification.streams.checked, 'stream')} from ${file} into ${target}`,
  );
  if (check.first && check.last)
    println(
      `  positions ${count(check.first.position)} to ${count(check.last.position)}, recorded ${check.first.recordedAt} to ${check.last.recordedAt}, kept as they were`,
    );
  println(`  every stream's hash chain verified before anything was written (file SHA-256 ${check.digest})`);
  println(`  global chain head ${check.verification.head.link}: the notary links the imported log to the same head`);
  if (foldHere) {
    const reached = await foldReadModels(config, check.last?.position ?? 0, options);
    println(`  read models folded up to position ${count(reached)} in ${readStoreName(config)}`);
  } else if (config.readStore.backend === 'mongodb')
    println('  read models: MongoDB is folded by the projector (npm run start:projector), not by the import');
  else println('  read models: not folded (--no-read-models); the api folds them when it starts');
  return EXIT.ok;
}

/** The log must hold no event, and embedded read models (if any) nothing folded: both would mix with the import. */
async function assertEmpty(config: ItpConfig, target: string): Promise<void> {
  const stored = storedEventCount(target);
  if (stored > 0)
    throw usageError(
      `The event log ${target} is not empty (${count(stored)} events): an import goes into an empty store only. Set ITP_DATA_DIR to a new directory.`,
    );
  if (config.readStore.backend !== 'embedded' || !existsSync(config.readStore.filePath)) return;
  const readStore = new EmbeddedReadStore({ filePath: config.readStore.filePath });
  try {
    const folded: string[] = [];
    for (const { name } of ALL_PROJECTIONS) {
      const position = await readStore.getCheckpoint(name);
      if (position > 0) folded.push(`${name} at position ${count(position)}`);
    }
    if (folded.length > 0)
      throw usageError(
        `The read models ${config.readStore.filePath} already hold folded events (${folded.join(', ')}): an import goes into an empty data directory. Set ITP_DATA_DIR to a new directory.`,
      );
  } finally {
    await readStore.close();
  }
}

async function writeAll(file: string, target: string, check: ExportFileCheck, progress: boolean): Promise<number> {
  let run: SqliteImport;
  try {
    run = SqliteImport.begin(target);
  } catch (error) {
    if (error instanceof StoreNotEmptyError) throw usageError(`${error.message}. Set ITP_DATA_DIR to a new directory.`);
    throw error;
  }
  const bar = progressBar('writing events', check.bytes, { enabled: progress, unit: 'bytes' });
  try {
    const events = await writeExportFile(file, run, check.digest, ({ bytesRead }) => bar.update(bytesRead));
    run.commit();
    return events;
  } catch (error) {
    run.abort();
    if (error instanceof ExportFileError)
      throw new CliError(`Refused ${file}: ${error.message}; nothing was imported.`, EXIT.failed);
    if (error instanceof ExportFileChangedError) throw unavailable(error.message);
    throw error;
  } finally {
    bar.stop();
  }
}

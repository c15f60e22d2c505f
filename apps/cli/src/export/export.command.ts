import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { eventsToExport, writeExport, type ExportBounds, type ExportSummary } from '@itp/event-store/export';
import { parseLogBound } from '../shared/bounds';
import { EXIT, usageError, type ExitCode } from '../shared/cli-errors';
import { count, eprintln, plural, println } from '../shared/output';
import { progressBar } from '../shared/progress';
import { cliConfig, eventStoreName, openEventStoreForReading, withStore } from '../shared/stores';

export interface ExportOptions {
  out: string;
  stream?: string;
  to?: string;
  progress: boolean;
}

/**
 * `itp export`: the log (or one stream) as NDJSON, one event per line with its position, stream, revision, id,
 * type, recorded time, data and metadata (hashes included), up to a position or a recorded instant. Streams from
 * the store page by page and writes with backpressure, so memory stays flat whatever the log's size. The file
 * appears under its name only when complete (written beside it, then renamed); `--out -` writes to stdout.
 * Read-only: no writer lock, safe while the api runs.
 */
export async function exportCommand(options: ExportOptions): Promise<ExitCode> {
  const bounds: ExportBounds = { streamId: options.stream, ...(options.to ? parseLogBound(options.to) : {}) };
  const config = cliConfig();
  const toStdout = options.out === '-';
  const summary = await withStore(openEventStoreForReading(config), async (store) => {
    if (bounds.streamId !== undefined && (await store.readStream(bounds.streamId, { maxCount: 1 })).length === 0)
      throw usageError(`There is no stream "${bounds.streamId}" in ${eventStoreName(config)}.`);
    const head = await store.headPosition();
    const bar = progressBar('exporting', Math.min(head, bounds.toPosition ?? head), {
      enabled: options.progress && !toStdout,
    });
    try {
      return toStdout
        ? await writeExport(eventsToExport(store, bounds), process.stdout)
        : await exportToFile(options.out, (output) =>
            writeExport(eventsToExport(store, bounds), output, (event) => bar.update(event.position)),
          );
    } finally {
      bar.stop();
    }
  });
  const say = toStdout ? eprintln : println;
  say(`Exported ${plural(summary.events, 'event')} from ${eventStoreName(config)}${describeBounds(bounds)}`);
  if (summary.events > 0)
    say(
      `  positions ${count(summary.firstPosition!)} to ${count(summary.lastPosition!)}, the last recorded at ${summary.lastRecordedAt}`,
    );
  if (!toStdout) say(`  to ${options.out}`);
  return EXIT.ok;
}

const describeBounds = (bounds: ExportBounds): string =>
  [
    bounds.streamId === undefined ? '' : `, stream ${bounds.streamId}`,
    bounds.toPosition === undefined ? '' : `, up to position ${count(bounds.toPosition)}`,
    bounds.toRecordedAt === undefined ? '' : `, recorded up to ${bounds.toRecordedAt}`,
  ].join('');

/** Writes beside the target and renames when complete: a failed export never leaves a file that looks whole. */
async function exportToFile(path: string, write: (output: Writable) => Promise<ExportSummary>): Promise<ExportSummary> {
  const partial = `${path}.partial-${process.pid}`;
  const output = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  try {
    const summary = await write(output);
    output.end();
    await finished(output);
    renameSync(partial, path);
    return summary;
  } catch (error) {
    output.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

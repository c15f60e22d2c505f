import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ItpConfig } from '@itp/platform';
import { writeCsv } from '../../../api/src/shared/exports/csv-export';
import type { ExportDocument } from '../../../api/src/shared/exports/export-model';
import { stampText } from '../../../api/src/shared/exports/export-stamp.service';
import { writeXlsx } from '../../../api/src/shared/exports/xlsx-export';
import { ReadModels } from '../../../api/src/shared/queries/read-models';
import { EXIT, usageError, type ExitCode } from '../shared/cli-errors';
import { count, eprintln } from '../shared/output';
import { cliConfig, openEventStoreForReading, openReadStoreForReading, withStore } from '../shared/stores';
import { REPORTS, type ReportParameters } from './report-definitions';
import { REPORT_FORMATS, type ReportFormat, type ReportName } from './report-names';

export interface ReportOptions {
  format: string;
  out?: string;
  asOf?: string;
}

export const AS_OF_NOT_YET =
  '--as-of is not available yet: reports as of a past recorded instant need the as-of engine (issue 11, item 1), ' +
  'which is not built. `itp report` computes from the read models as they are now. What works as of an instant ' +
  'today: `itp history <project> --as-of <instant>`, and `itp export --to <instant>` followed by `itp import` into ' +
  'an empty data directory (the report computed there is the report as of that instant).';

/**
 * `itp report <name>`: the report the api's endpoint answers, computed by the api's own pure report function from
 * the read models (read-only: no writer lock, safe while the api runs). JSON is the endpoint's JSON; CSV and xlsx
 * are the endpoint's export files, stamped with the position the read models had folded.
 */
export async function reportCommand(
  name: ReportName,
  parameters: ReportParameters,
  options: ReportOptions,
): Promise<ExitCode> {
  if (options.asOf !== undefined) throw usageError(AS_OF_NOT_YET);
  const format = options.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw usageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (format === 'xlsx' && (options.out === undefined || options.out === '-'))
    throw usageError('--format xlsx writes a workbook: give it a file with --out <file.xlsx>');
  const definition = REPORTS[name];
  const now = new Date();
  const compute = definition.prepare(parameters, now);
  const config = cliConfig();
  const { computed, folded } = await withStore(openReadStoreForReading(config), async (readStore) => {
    const computed = await compute(new ReadModels(readStore));
    const checkpoints = await Promise.all(definition.reads.map((read) => readStore.getCheckpoint(read)));
    return { computed, folded: Math.min(...checkpoints) };
  });
  await warnIfBehind(config, folded);
  await writeOutput(options.out, async (output) => {
    if (format === 'json') await writeText(output, `${JSON.stringify(computed.report, null, 2)}\n`);
    else {
      const document: ExportDocument = computed.document({ asOf: stampText(folded, now), scope: '*' });
      await (format === 'csv' ? writeCsv : writeXlsx)(document, output);
    }
  });
  return EXIT.ok;
}

/** Says on stderr when the read models have not folded the whole log: the report leaves the newest events out. */
async function warnIfBehind(config: ItpConfig, folded: number): Promise<void> {
  let head: number;
  try {
    head = await withStore(openEventStoreForReading(config), (store) => store.headPosition());
  } catch {
    return; // the head is only for the note
  }
  if (folded < head)
    eprintln(
      `note: the read models have folded the event log up to position ${count(folded)} of ${count(head)}: ` +
        'this report does not include the newest events yet (the api or the projector folds them).',
    );
}

async function writeText(output: Writable, text: string): Promise<void> {
  output.end(text);
  await finished(output);
}

/**
 * To stdout, or to a file that appears only when complete. The writers end the stream they are given; stdout
 * cannot be ended, so it is fed through a PassThrough that is.
 */
async function writeOutput(out: string | undefined, write: (output: Writable) => Promise<void>): Promise<void> {
  if (out === undefined || out === '-') {
    const pipe = new PassThrough();
    pipe.pipe(process.stdout, { end: false });
    await write(pipe);
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  const file = createWriteStream(partial, { flags: 'wx' });
  try {
    await write(file);
    renameSync(partial, out);
  } catch (error) {
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ItpConfig } from '@itp/platform';
import { writeCsv } from '../../../api/src/shared/exports/csv-export';
import type { ExportDocument } from '../../../api/src/shared/exports/export-model';
import { stampText } from '../../../api/src/shared/exports/export-stamp.service';
import { writeXlsx } from '../../../api/src/shared/exports/xlsx-export';
import { ReadModels } from '../../../api/src/shared/queries/read-models';
import { asOfStampText, type AsOfRead } from '../../../api/src/shared/queries/as-of-read-models';
import { AsOfEngine } from '@itp/projections/as-of';
import { EXIT, usageError, type ExitCode } from '../shared/cli-errors';
import { count, eprintln } from '../shared/output';
import { cliConfig, openEventStoreForReading, openReadStoreForReading, withStore } from '../shared/stores';
import { parseInstant } from '../shared/bounds';
import { ConfigurationError } from '@itp/platform';
import {
  REPORTS,
  ReportParametersError,
  type ComputedReport,
  type ReportDefinition,
  type ReportParameters,
} from '../../../api/src/reports/report-catalogue';
import { progressDueDayFrom } from '../../../api/src/shared/queries/progress-due-day';
import { REPORT_FORMATS, type ReportFormat, type ReportName } from './report-names';

export interface ReportOptions {
  format: string;
  out?: string;
  asOf?: string;
}

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
  const asOf = options.asOf === undefined ? undefined : parseInstant('--as-of', options.asOf);
  if (asOf !== undefined && Date.parse(asOf) > Date.now())
    throw usageError(`--as-of ${options.asOf} is in the future: what will be recorded until then is not known yet`);
  const format = options.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw usageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (format === 'xlsx' && (options.out === undefined || options.out === '-'))
    throw usageError('--format xlsx writes a workbook: give it a file with --out <file.xlsx>');
  const definition: ReportDefinition = REPORTS[name];
  // "Today" in a report (the dispatch's default reference date) is the as-of instant when one is given.
  const now = asOf === undefined ? new Date() : new Date(asOf);
  const compute = prepare(definition, parameters, now);
  const config = cliConfig();
  if (asOf !== undefined) return reportAsOf(config, asOf, definition.reads, compute, format, options.out);
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

/** The catalogue's preparation, its refusals as usage errors naming the option (exit 2). */
function prepare(definition: ReportDefinition, parameters: ReportParameters, now: Date) {
  let dueDay: number;
  try {
    dueDay = progressDueDayFrom(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) throw usageError(error.message);
    throw error;
  }
  try {
    return definition.prepare(parameters, now, dueDay);
  } catch (error) {
    if (error instanceof ReportParametersError)
      throw usageError(error.messages.map((m) => m.replace(/^(\w+)/, '--$1')).join('; '));
    throw error;
  }
}

/**
 * The report as of a recorded instant: the api's as-of engine (the same projections folded from the event log up to
 * the last event recorded at or before the instant, from the snapshots in ITP_AS_OF_DIR or <ITP_DATA_DIR>/as-of),
 * then the same pure report. The export is stamped with the instant and the position.
 */
async function reportAsOf(
  config: ItpConfig,
  asOf: string,
  reads: readonly string[],
  compute: (readModels: ReadModels) => Promise<ComputedReport>,
  format: ReportFormat,
  out: string | undefined,
): Promise<ExitCode> {
  const { computed, read } = await withStore(openEventStoreForReading(config), async (eventStore) => {
    const engine = new AsOfEngine({
      eventStore,
      snapshotDir: config.asOf.snapshotDir,
      snapshotBudgetBytes: config.asOf.snapshotBudgetBytes,
      // The api owns the snapshots (it writes and evicts them); a report beside it only reads them.
      snapshotsReadOnly: true,
    });
    try {
      const view = await engine.at({ instant: asOf }, { projections: reads });
      const read: AsOfRead = {
        readModels: new ReadModels(view.store),
        position: view.position,
        recordedAt: view.recordedAt,
        instant: view.instant,
      };
      return { computed: await compute(read.readModels), read };
    } finally {
      engine.close();
    }
  });
  eprintln(
    `as of ${asOf}: the event log up to position ${count(read.position)}${read.recordedAt === null ? '' : ` (recorded ${read.recordedAt})`}`,
  );
  await writeOutput(out, async (output) => {
    if (format === 'json') await writeText(output, `${JSON.stringify(computed.report, null, 2)}\n`);
    else {
      const document: ExportDocument = computed.document({ asOf: asOfStampText(read), scope: '*' });
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

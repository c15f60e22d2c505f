import { Command, Option } from 'commander';
import { EXIT_CODES_HELP, type ExitCode } from './shared/cli-errors';
import { PROJECTION_NAMES } from './rebuild/projection-names';
import { REPORT_FORMATS, REPORT_NAMES, type ReportName } from './report/report-names';

const REPORT_PARAMETER: Record<ReportName, { flag: string; description: string }> = {
  targets: { flag: '--year <year>', description: 'calendar year, e.g. 2014' },
  'monthly-dispatch': { flag: '--month <month>', description: 'YYYY-MM, e.g. 2014-06' },
  'quarterly-bulletin': { flag: '--quarter <quarter>', description: 'YYYY-Qn, e.g. 2014-Q2' },
  assessment: { flag: '--year <year>', description: 'calendar year, e.g. 2014' },
};

const REPORT_SUMMARY: Record<ReportName, string> = {
  targets: "progress against the year's targets (GET /api/v1/statistics/targets)",
  'monthly-dispatch': '一月一调度, the monthly dispatch with its stale projects (GET /api/v1/reports/monthly-dispatch)',
  'quarterly-bulletin': '一季一通报, the quarterly bulletin (GET /api/v1/reports/quarterly-bulletin)',
  assessment: 'the assessment of the introducing units (GET /api/v1/assessment)',
};

/**
 * The `itp` command line: one program, one subcommand per task. Each action answers its exit code through `done`;
 * errors are mapped to exit codes by main.ts. A subcommand's module is loaded when it runs, so `--help` and the
 * light subcommands do not load the api's reports or the EventStoreDB client.
 */
export function itpProgram(done: (code: ExitCode) => void): Command {
  const program = new Command('itp')
    .description(
      'ITP for auditors and operators: verify, export and import the event log, compute reports from the read models, ' +
        "read a project's history, rebuild a read model.",
    )
    .exitOverride()
    .showHelpAfterError('(itp --help lists the subcommands; itp <subcommand> --help its options)')
    .addHelpText('after', EXIT_CODES_HELP);
  const progress = () => new Option('--no-progress', 'no progress bars (they are drawn only on a terminal anyway)');

  program
    .command('verify')
    .description(
      "verify the whole log as the api does: every stream's hash chain, the global chain against the notary's links, the " +
        'signed checkpoints; exit 1 naming the stream and revision (or position) of the first break (read-only)',
    )
    .option(
      '--checkpoints <file>',
      'also check an exported copy of the signed checkpoints (GET /api/v1/audit/checkpoints)',
    )
    .option(
      '--public-key <file>',
      'the public key to check signatures with (default: the .pub beside ITP_SIGNING_KEY_FILE)',
    )
    .option('--json', 'print the result as JSON')
    .addOption(progress())
    .action(async (options: { json?: boolean; checkpoints?: string; publicKey?: string; progress: boolean }) =>
      done(await (await import('./verify/verify.command.js')).verifyCommand(options)),
    );

  program
    .command('export')
    .description(
      'write the event log (or one stream) as NDJSON, one event per line with position, stream, revision, id, type, ' +
        'recordedAt, data and metadata with its hashes (read-only, streaming)',
    )
    .requiredOption('--out <file>', 'the file to write ("-" for stdout); it appears only when complete')
    .option('--stream <stream id>', 'only this stream, e.g. project-<id>')
    .option('--to <instant|position>', 'up to this global position, or this recorded instant (RFC 3339), inclusive')
    .addOption(progress())
    .action(async (options: { out: string; stream?: string; to?: string; progress: boolean }) =>
      done(await (await import('./export/export.command.js')).exportCommand(options)),
    );

  program
    .command('import')
    .description(
      'import an export into an EMPTY store: a data directory keeps positions, recorded times and hashes; EventStoreDB ' +
        '(EVENTSTORE_CONNECTION_STRING) keeps ids, data, metadata and hashes in order, assigns its own positions and ' +
        "recorded times, and gets a LogImported record in itp-imports. Every stream's chain is verified before anything " +
        'is written (a writer: run it with the api stopped)',
    )
    .argument('<file>', 'an NDJSON file written by itp export')
    .option('--no-read-models', 'do not fold the embedded read models after the import (the api folds them at start)')
    .option(
      '--resume',
      'EventStoreDB only: continue an interrupted import of the same file, after checking that the store holds exactly ' +
        "the file's beginning (ids, streams, revisions, hashes); on a complete import, write nothing",
    )
    .addOption(progress())
    .action(async (file: string, options: { progress: boolean; readModels: boolean; resume?: boolean }) =>
      done(await (await import('./import/import.command.js')).importCommand(file, options)),
    );

  const report = program
    .command('report')
    .description('compute a report from the read models, as the api does (read-only)');
  for (const name of REPORT_NAMES) {
    const parameter = REPORT_PARAMETER[name];
    const command = report
      .command(name)
      .description(REPORT_SUMMARY[name])
      .requiredOption(parameter.flag, parameter.description)
      .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('json'))
      .option('--out <file>', 'write to this file instead of stdout (needed for xlsx)')
      .option(
        '--as-of <instant>',
        'as of a recorded instant (RFC 3339): from the event log up to the last event recorded at or before it',
      );
    if (name === 'monthly-dispatch')
      command.option('--reference-date <date>', 'YYYY-MM-DD the stale projects are judged on (default as the api)');
    command.action(
      async (options: {
        year?: string;
        month?: string;
        quarter?: string;
        referenceDate?: string;
        format: string;
        out?: string;
        asOf?: string;
      }) => {
        const { format, out, asOf, ...parameters } = options;
        done(await (await import('./report/report.command.js')).reportCommand(name, parameters, { format, out, asOf }));
      },
    );
  }

  program
    .command('history')
    .description("a project's history from the event store as a readable timeline, with its hash chain verified")
    .argument('<project id>', 'the project id the api answered when it was registered')
    .option('--as-of <instant>', 'only what was recorded up to this instant (RFC 3339)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (projectId: string, options: { asOf?: string; format: string }) =>
      done(await (await import('./history/history.command.js')).historyCommand(projectId, options)),
    );

  program
    .command('rebuild')
    .description(
      'rebuild one read model beside the live one and switch readers over (a writer: stop the projector worker first)',
    )
    .argument('<projection>', PROJECTION_NAMES.join(', '))
    .action(async (name: string) => done(await (await import('./rebuild/rebuild.command.js')).rebuildCommand(name)));

  return program;
}

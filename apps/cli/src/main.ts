#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { EventStoreUnavailableError } from '@itp/event-store/event-store.errors';
import { ConfigurationError } from '@itp/platform/config/itp-config';
import { ReadStoreUnavailableError } from '@itp/read-store/read-store.errors';
import { CliError, EXIT, type ExitCode } from './shared/cli-errors';
import { itpProgram } from './itp-program';

/** Errors that explain themselves in one line; anything else is a bug, printed with its stack. */
const explained = (error: unknown): boolean =>
  error instanceof CliError ||
  error instanceof ConfigurationError ||
  // The data directory's writer lock (libs/platform/src/data-dir/writer-lock.ts) names its refusal so.
  (error as Error | undefined)?.name === 'DataDirInUseError' ||
  error instanceof EventStoreUnavailableError ||
  error instanceof ReadStoreUnavailableError;

/** Maps what went wrong to the exit codes of EXIT (shared/cli-errors.ts). */
function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigurationError) return EXIT.usage;
  // A store unreachable, the data directory held by a writer, or a bug: the work could not be done.
  return EXIT.unavailable;
}

async function main(argv: string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  try {
    await itpProgram((answered) => (code = answered)).parseAsync(argv);
    return code;
  } catch (error) {
    // Commander has already printed its own message (and the help, when asked for).
    if (!(error instanceof CommanderError))
      process.stderr.write(
        `itp: ${explained(error) ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
      );
    return exitCodeOf(error);
  }
}

// A reader that stops early (`itp export --out - | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
});

void main(process.argv).then((code) => {
  process.exitCode = code;
});

/**
 * Exit codes scripts can trust:
 * 0 the work was done and everything checked holds;
 * 1 a check failed: a broken hash chain, an export file that does not verify, a project whose history breaks;
 * 2 usage or configuration: an unknown subcommand or option, a bad value, a missing data directory, a non-empty
 *   store to import into, a variable the api would refuse too;
 * 3 the work could not be done: a store unreachable, the data directory held by a writer, a rebuild that failed.
 * A script that alarms on 1 is never woken by a server that is down.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unavailable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done, and everything checked holds
  1  a check failed: a broken hash chain (named by stream and revision), an import file that does not verify
  2  usage or configuration error: unknown subcommand or option, bad value, missing data directory, non-empty store
  3  could not be done: a store unreachable, the data directory held by another writer, a failed rebuild

Configuration comes from the same variables as the api: ITP_DATA_DIR (embedded, default ./data), or
EVENTSTORE_CONNECTION_STRING and MONGODB_URI (+ MONGODB_DB) for EventStoreDB and MongoDB.`;

/** A failure the command line explains in one message and maps to an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
export const unavailable = (message: string): CliError => new CliError(message, EXIT.unavailable);

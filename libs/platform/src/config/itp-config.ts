import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** Validated configuration of an ITP process, read once from the environment at start. */
export interface ItpConfig {
  port: number;
  dataDir: string;
  eventStore: { backend: 'sqlite'; filePath: string } | { backend: 'eventstoredb'; connectionString: string };
  readStore: { backend: 'embedded'; filePath: string } | { backend: 'mongodb'; uri: string; database: string };
  /** Raw JSON of ITP_API_KEYS, or undefined to use (and create) the key file in the data directory. */
  apiKeysJson?: string;
  /** Run the projections inside the api process (the embedded default) or leave them to apps/projector. */
  projectionsInProcess: boolean;
  logLevel: string;
  http: HttpLimits;
  notary: NotaryConfig;
  asOf: AsOfConfig;
}

/** The time machine: reads as of a past instant or position, report diffs (ITP_AS_OF_*, ITP_DIFF_MAX_EVENTS). */
export interface AsOfConfig {
  /** Where the snapshots live: ITP_AS_OF_DIR, else `<ITP_DATA_DIR>/as-of` (a local directory on every backend). */
  snapshotDir: string;
  /** The snapshot file's disk budget in bytes: ITP_AS_OF_SNAPSHOT_MB (default 2048) MiB. */
  snapshotBudgetBytes: number;
  /** ITP_AS_OF_WARM=1: fold the whole log once after start and write every missing snapshot. */
  warm: boolean;
  /** The most events a report diff replays between its two instants: ITP_DIFF_MAX_EVENTS (default 20,000). */
  diffMaxEvents: number;
}

/** The notary that links the whole log into the global chain and signs checkpoints (ADR 0008). */
export interface NotaryConfig {
  enabled: boolean;
  /** Its links and checkpoints: `notary.sqlite` in the data directory. */
  filePath: string;
  /** The Ed25519 private key (PKCS#8 PEM), outside the data directory; created on first start. */
  signingKeyFile: string;
  checkpointEveryEvents: number;
  checkpointIntervalMs: number;
}

/** How much and how slowly a client may send: a slow or oversized sender is cut off, not waited for. */
export interface HttpLimits {
  /** Largest request body accepted (413 beyond). */
  bodyLimitBytes: number;
  /** Time to receive a request's line and headers (408, connection closed). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (408, connection closed). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing moves either way for this long is closed (also while a request runs). */
  idleTimeoutMs: number;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ItpConfig {
  const problems: string[] = [];
  const blank = (name: string) => env[name] === undefined || env[name]!.trim() === '';

  let port = 3000;
  if (!blank('PORT')) {
    port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const dataDir = resolve(blank('ITP_DATA_DIR') ? './data' : env.ITP_DATA_DIR!);

  const esdb = blank('EVENTSTORE_CONNECTION_STRING') ? undefined : env.EVENTSTORE_CONNECTION_STRING!.trim();
  if (esdb && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb):\/\//.test(esdb)) {
    problems.push(`EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://, got "${esdb}"`);
  }
  const mongoUri = blank('MONGODB_URI') ? undefined : env.MONGODB_URI!.trim();
  if (mongoUri && !/^mongodb(\+srv)?:\/\//.test(mongoUri))
    problems.push(`MONGODB_URI must start with mongodb:// or mongodb+srv://`);
  const mongoDb = blank('MONGODB_DB') ? 'itp' : env.MONGODB_DB!.trim();
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(mongoDb))
    problems.push(`MONGODB_DB must be 1-63 letters, digits, "_" or "-", got "${mongoDb}"`);
  if (!blank('MONGODB_DB') && !mongoUri)
    problems.push('MONGODB_DB is set but MONGODB_URI is not: set both, or neither for the embedded read store');

  const apiKeysJson = blank('ITP_API_KEYS') ? undefined : env.ITP_API_KEYS;
  const logLevel = blank('LOG_LEVEL') ? 'info' : env.LOG_LEVEL!.trim();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const inProcess = blank('ITP_PROJECTIONS_IN_PROCESS') ? undefined : env.ITP_PROJECTIONS_IN_PROCESS!.trim();
  if (inProcess !== undefined && !['true', 'false'].includes(inProcess))
    problems.push('ITP_PROJECTIONS_IN_PROCESS must be "true" or "false"');

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    if (blank(name)) return fallback;
    const text = env[name]!.trim();
    const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${env[name]}"`);
      return fallback;
    }
    return value;
  };
  const http: HttpLimits = {
    bodyLimitBytes: integer('ITP_BODY_LIMIT_BYTES', 1_048_576, 1_024, 64 * 1_048_576),
    headersTimeoutMs: integer('ITP_HEADERS_TIMEOUT_MS', 5_000, 100, 600_000),
    requestTimeoutMs: integer('ITP_REQUEST_TIMEOUT_MS', 10_000, 100, 3_600_000),
    keepAliveTimeoutMs: integer('ITP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    idleTimeoutMs: integer('ITP_IDLE_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs)
    problems.push(
      `ITP_HEADERS_TIMEOUT_MS (${http.headersTimeoutMs}) must not exceed ITP_REQUEST_TIMEOUT_MS (${http.requestTimeoutMs})`,
    );

  const notaryEnabled = blank('ITP_NOTARY') ? 'true' : env.ITP_NOTARY!.trim();
  if (!['true', 'false'].includes(notaryEnabled)) problems.push('ITP_NOTARY must be "true" or "false"');
  const configHome = blank('XDG_CONFIG_HOME') ? join(env.HOME ?? homedir(), '.config') : env.XDG_CONFIG_HOME!;
  const signingKeyFile = resolve(
    blank('ITP_SIGNING_KEY_FILE') ? join(configHome, 'itp', 'signing-key.pem') : env.ITP_SIGNING_KEY_FILE!.trim(),
  );
  const fromDataDir = relative(dataDir, signingKeyFile);
  if (fromDataDir === '' || (!fromDataDir.startsWith('..') && !isAbsolute(fromDataDir)))
    problems.push(
      `ITP_SIGNING_KEY_FILE must be outside ITP_DATA_DIR (${dataDir}): whoever can write the data could otherwise sign it`,
    );
  const notary: NotaryConfig = {
    enabled: notaryEnabled !== 'false',
    filePath: resolve(dataDir, 'notary.sqlite'),
    signingKeyFile,
    checkpointEveryEvents: integer('ITP_CHECKPOINT_EVERY_EVENTS', 10_000, 1, 10_000_000),
    checkpointIntervalMs: integer('ITP_CHECKPOINT_INTERVAL_MS', 60_000, 100, 86_400_000),
  };

  const asOfWarm = blank('ITP_AS_OF_WARM') ? '0' : env.ITP_AS_OF_WARM!.trim();
  if (!['0', '1'].includes(asOfWarm)) problems.push(`ITP_AS_OF_WARM must be "1" or "0", got "${env.ITP_AS_OF_WARM}"`);
  const asOf: AsOfConfig = {
    snapshotDir: resolve(blank('ITP_AS_OF_DIR') ? join(dataDir, 'as-of') : env.ITP_AS_OF_DIR!.trim()),
    snapshotBudgetBytes: integer('ITP_AS_OF_SNAPSHOT_MB', 2048, 1, 1_048_576) * 1_048_576,
    warm: asOfWarm === '1',
    diffMaxEvents: integer('ITP_DIFF_MAX_EVENTS', 20_000, 1, 10_000_000),
  };

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    port,
    dataDir,
    eventStore: esdb
      ? { backend: 'eventstoredb', connectionString: esdb }
      : { backend: 'sqlite', filePath: resolve(dataDir, 'events.sqlite') },
    readStore: mongoUri
      ? { backend: 'mongodb', uri: mongoUri, database: mongoDb }
      : { backend: 'embedded', filePath: resolve(dataDir, 'read-models.sqlite') },
    apiKeysJson,
    // With a server-backed read store the projector app owns the projections; embedded, the api runs them.
    projectionsInProcess: inProcess === undefined ? !mongoUri : inProcess === 'true',
    logLevel,
    http,
    notary,
    asOf,
  };
}

export const ITP_CONFIG = Symbol('ITP_CONFIG');

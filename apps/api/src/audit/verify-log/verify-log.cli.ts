import { existsSync, readFileSync } from 'node:fs';
import {
  publicKeyFromPem,
  SqliteNotaryStore,
  verifyLog,
  type SignedCheckpoint,
  type TrustedKey,
} from '@itp/event-store/notary';
import { ConfigurationError, loadConfig } from '@itp/platform';
import { openEventStore } from '@itp/projections/backends/open-stores';

const USAGE = `Usage: verify-log [--checkpoints <exported checkpoints.json>] [--public-key <signing-key.pub>]

Verifies the whole event log the environment names (ITP_DATA_DIR, EVENTSTORE_CONNECTION_STRING): every stream's
chain, the global chain against the notary's links, the notary's signed checkpoints and the exported ones given
(GET /api/v1/audit/checkpoints, kept elsewhere). Signatures are checked with --public-key, or the .pub beside
ITP_SIGNING_KEY_FILE. Prints the report as JSON; exit code 0 when history holds, 1 when it does not, 2 on misuse.`;

const FIELDS: (keyof SignedCheckpoint)[] = ['seq', 'position', 'link', 'recordedAt', 'signedAt', 'keyId', 'signature'];

/** The checkpoints of an export file: `{ checkpoints: [...] }` as the api answers it, or a bare array. */
export function readExportedCheckpoints(text: string): SignedCheckpoint[] {
  const parsed = JSON.parse(text) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { checkpoints?: unknown })?.checkpoints;
  if (!Array.isArray(list)) throw new Error('expected { "checkpoints": [...] } or an array of checkpoints');
  return list.map((item, index) => {
    const missing = FIELDS.filter((field) => (item as Record<string, unknown>)?.[field] === undefined);
    if (missing.length > 0) throw new Error(`checkpoint ${index} lacks ${missing.join(', ')}`);
    return item as SignedCheckpoint;
  });
}

/** The verification the CLI runs; answers the exit code. */
export async function runVerifyLog(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (text: string) => void,
): Promise<number> {
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (!['--checkpoints', '--public-key'].includes(name) || value === undefined) {
      print(USAGE);
      return 2;
    }
    options.set(name, value);
  }
  let trusted: TrustedKey;
  let exported: SignedCheckpoint[] = [];
  let config;
  try {
    config = loadConfig(env);
    const publicKeyFile = options.get('--public-key') ?? `${config.notary.signingKeyFile}.pub`;
    trusted = publicKeyFromPem(readFileSync(publicKeyFile, 'utf8'));
    const checkpointsFile = options.get('--checkpoints');
    if (checkpointsFile) exported = readExportedCheckpoints(readFileSync(checkpointsFile, 'utf8'));
  } catch (error) {
    print(
      `${error instanceof ConfigurationError ? error.message : `verify-log: ${(error as Error).message}`}\n\n${USAGE}`,
    );
    return 2;
  }
  const store = openEventStore(config);
  const notary = existsSync(config.notary.filePath)
    ? new SqliteNotaryStore(config.notary.filePath, { readonly: true })
    : undefined;
  try {
    const report = await verifyLog({ store, notary, trusted, exported });
    print(JSON.stringify(report, null, 2));
    return report.valid ? 0 : 1;
  } finally {
    await notary?.close();
    await store.close();
  }
}

if (require.main === module) {
  void runVerifyLog(process.argv.slice(2), process.env, (text) => console.log(text)).then((code) => process.exit(code));
}

import { existsSync, readFileSync } from 'node:fs';
import type { EventStore } from '@itp/event-store';
import {
  GENESIS_ANCHOR,
  LogVerifier,
  publicKeyFromPem,
  SqliteNotaryStore,
  type ChainVerification,
  type NotaryStore,
  type SignedCheckpoint,
  type TrustedKey,
} from '@itp/event-store/notary';
import type { ItpConfig } from '@itp/platform';
import { readExportedCheckpoints } from '../../../api/src/audit/verify-log/verify-log.cli';
import { EXIT, usageError, type ExitCode } from '../shared/cli-errors';
import { count, plural, println } from '../shared/output';
import { progressBar } from '../shared/progress';
import { cliConfig, eventStoreName, openEventStoreForReading } from '../shared/stores';

export interface VerifyOptions {
  json?: boolean;
  checkpoints?: string;
  publicKey?: string;
  progress: boolean;
}

/**
 * `itp verify`: the api's verifier (GET /api/v1/audit/verification, ADR 0008) over the whole log, in one pass:
 * every stream's chain, the global chain against the notary's links (`notary.sqlite` in the data directory), and
 * every signed checkpoint (the notary's, and an exported copy given with --checkpoints) with the public key. It
 * checks up to the head it found when it began, so the api may go on appending meanwhile; it takes no writer
 * lock. Exit 1 on any break, named by stream and revision (or position, or checkpoint).
 */
export async function verifyCommand(options: VerifyOptions): Promise<ExitCode> {
  const config = cliConfig();
  const exported = options.checkpoints === undefined ? [] : readCheckpointsFile(options.checkpoints);
  const store = openEventStoreForReading(config);
  const notary = existsSync(config.notary.filePath)
    ? new SqliteNotaryStore(config.notary.filePath, { readonly: true })
    : undefined;
  try {
    const checkpoints = [
      ...((await notary?.checkpoints()) ?? []).map((checkpoint) => ({ checkpoint, source: 'notary' as const })),
      ...exported.map((checkpoint) => ({ checkpoint, source: 'exported' as const })),
    ];
    const trusted = checkpoints.length > 0 ? trustedKey(config, options.publicKey) : undefined;
    const verification = await verifyLogUpToHead(
      store,
      new LogVerifier(notary, GENESIS_ANCHOR, checkpoints, trusted),
      options,
    );
    if (options.json)
      println(
        JSON.stringify(
          { eventStore: eventStoreName(config), notary: notary?.filePath ?? null, ...verification },
          null,
          2,
        ),
      );
    else printVerification(config, notary, verification);
    return verification.valid ? EXIT.ok : EXIT.failed;
  } finally {
    await notary?.close();
    await store.close();
  }
}

/**
 * verifyLog (libs/event-store/src/notary/verify-log.ts), bounded by the head at the start and with a progress
 * bar: the notary may link events appended after that head, which must not read as "removed from the end".
 */
async function verifyLogUpToHead(
  store: EventStore,
  verifier: LogVerifier,
  options: VerifyOptions,
): Promise<ChainVerification> {
  const head = await store.headPosition();
  const bar = progressBar('verifying', head, { enabled: options.progress && !options.json });
  try {
    for await (const event of store.readAll({ toPosition: head })) {
      await verifier.check(event);
      bar.update(event.position);
    }
  } finally {
    bar.stop();
  }
  return verifier.finish(head);
}

function readCheckpointsFile(path: string): SignedCheckpoint[] {
  try {
    return readExportedCheckpoints(readFileSync(path, 'utf8'));
  } catch (error) {
    throw usageError(`--checkpoints ${path}: ${(error as Error).message}`);
  }
}

/** The public key the checkpoints are checked with: --public-key, else the .pub beside ITP_SIGNING_KEY_FILE. */
function trustedKey(config: ItpConfig, given: string | undefined): TrustedKey {
  const file = given ?? `${config.notary.signingKeyFile}.pub`;
  if (given === undefined && !existsSync(file))
    throw usageError(
      `There are signed checkpoints to check, but no public key at ${file}: give --public-key <file> ` +
        '(the api serves it at GET /api/v1/audit/signing-key), or set ITP_SIGNING_KEY_FILE as the api has it.',
    );
  try {
    return publicKeyFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    throw usageError(`--public-key ${file}: ${(error as Error).message}`);
  }
}

function printVerification(config: ItpConfig, notary: NotaryStore | undefined, v: ChainVerification): void {
  println(`Verified ${eventStoreName(config)}`);
  println(`  ${plural(v.events, 'event')} up to position ${count(v.throughPosition)}`);
  const { streams, globalChain, checkpoints } = v;
  println(
    streams.broken === 0
      ? `  streams: every chain holds (${plural(streams.checked, 'stream')})`
      : `  streams: BROKEN, ${count(streams.broken)} of ${plural(streams.checked, 'stream')}; the first: ${streams.firstBreak!.streamId} at revision ${streams.firstBreak!.revision} (position ${count(streams.firstBreak!.position)}): ${streams.firstBreak!.reason}`,
  );
  if (notary === undefined)
    println(
      `  global chain and signed checkpoints: NOT CHECKED, there is no notary in ${config.notary.filePath}; only the per-stream chains were checked`,
    );
  else {
    println(
      globalChain.firstBreak === undefined
        ? `  global chain: holds against the notary's links (${count(globalChain.notarised)} linked, ${count(globalChain.unnotarised)} not linked yet)`
        : `  global chain: BROKEN at position ${count(globalChain.firstBreak.position)} (event ${globalChain.firstBreak.seq}): ${globalChain.firstBreak.reason}`,
    );
  }
  if (checkpoints.firstBreak !== undefined)
    println(
      `  checkpoints: BROKEN, the ${checkpoints.firstBreak.source} checkpoint of event ${checkpoints.firstBreak.seq} (position ${count(checkpoints.firstBreak.position)}, signed ${checkpoints.firstBreak.signedAt}): ${checkpoints.firstBreak.reason}`,
    );
  else if (checkpoints.checked > 0)
    println(
      `  checkpoints: ${count(checkpoints.holding)} of ${count(checkpoints.checked)} signed checkpoints hold, the last at position ${count(checkpoints.lastHolding!.position)} (${checkpoints.lastHolding!.source}, signed ${checkpoints.lastHolding!.signedAt})`,
    );
  else if (notary !== undefined) println('  checkpoints: none signed yet');
  println(v.valid ? '  history holds' : `  FIRST BREAK: ${v.firstBreak}`);
}

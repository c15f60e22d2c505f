import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import {
  chainMetadata,
  deterministicEventId,
  DuplicateEventIdError,
  EventStoreUnavailableError,
  GENESIS_HASH,
  hashEvent,
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@itp/event-store';
import { ExportFileReader, type ExportFileCheck } from '@itp/event-store/export';
import { GENESIS_ANCHOR, LogVerifier, type ChainVerification } from '@itp/event-store/notary';
import type { ItpConfig } from '@itp/platform';
import { openEventStore } from '@itp/projections/backends/open-stores';
import { EXIT, unavailable, usageError, type ExitCode } from '../shared/cli-errors';
import { count, plural, println } from '../shared/output';
import { progressBar } from '../shared/progress';
import { eventStoreName } from '../shared/stores';
import { printRefusal, verifyImportFile } from './import-file-check';

/** The stream where every import into EventStoreDB leaves its record, after the last event it wrote. */
export const IMPORTS_STREAM = 'itp-imports';
/**
 * The type of that record. Not in the domain's event catalogue, on purpose: no aggregate decides it and no
 * projection folds it (projections fold only the types of their `handles` set; the audit log, the notary and the
 * verifier take any type). Its metadata carries a hash chain like every other event, so `itp verify` holds.
 */
export const LOG_IMPORTED = 'LogImported';

/** An append never carries more than this (EventStoreDB refuses appends over 1 MiB by default). */
const MAX_RUN_EVENTS = 500;
const MAX_RUN_BYTES = 512 * 1024;
/** An append the connection lost is sent again, as is, this many times in all before the import stops. */
const APPEND_ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;

export interface EventStoreDbImportOptions {
  progress: boolean;
  resume: boolean;
}

type Position = { position: number; recordedAt: string };

/** What the store holds compared with the file, event by event in log order. */
interface StoredPrefix {
  /** How many of the file's first events the store holds, identical (id, stream, revision, type, hash). */
  events: number;
  first?: Position;
  last?: Position;
  /** This file's LogImported record, stored after all of its events: the import is complete. */
  record?: RecordedEvent;
  /** The chains of everything read from the store (stream chains; the global chain recomputed, no notary). */
  verification: ChainVerification;
}

/**
 * `itp import FILE` into EventStoreDB. EventStoreDB assigns positions and recorded times itself, so an import
 * there keeps every event's id, stream, revision, type, data and metadata (the hash chain), in the order of the
 * file, and NOT its original position or recorded time (they cannot go into the metadata either: the hash covers
 * it). Steps: (1) the store must hold no event (system events aside), unless --resume; (2) the whole file is
 * verified, nothing is written on a bad file; (3) each contiguous run of one stream is one append, with the
 * stream's expected revision and the events' own ids, so a retried append is recognised as one; (4) one
 * LogImported event in `itp-imports` records the file's SHA-256, its event count, and its first and last
 * original positions and recorded times; (5) the store is read back and compared with the file, event by event,
 * every chain verified, before the import is acknowledged.
 *
 * An interrupted import leaves a prefix of the file in the store (each append is atomic). `--resume` checks that
 * what is stored is exactly the file's beginning (ids, streams, revisions, types, hashes) and appends the rest;
 * anything else in the store is refused. On a complete import it writes nothing and says so.
 */
export async function importIntoEventStoreDb(
  file: string,
  config: ItpConfig,
  options: EventStoreDbImportOptions,
): Promise<ExitCode> {
  const name = eventStoreName(config);
  const store = openEventStore(config);
  try {
    if (!options.resume) await assertEmpty(store, name, file);
    const check = await verifyImportFile(file, options.progress);
    if (!check.valid) {
      printRefusal(file, check);
      return EXIT.failed;
    }
    let prefix: StoredPrefix | undefined;
    if (options.resume) {
      prefix = await compareWithFile(store, file, check, name, options.progress, 'comparing with the store');
      if (prefix.record !== undefined) {
        printAlreadyImported(file, name, check, prefix);
        return prefix.verification.valid ? EXIT.ok : EXIT.failed;
      }
    } else await assertEmpty(store, name, file); // again: the first pass may have been long
    const written = await appendFile(store, file, check, prefix?.events ?? 0, name, options.progress);
    const first = prefix?.first?.position ?? (await firstStored(store));
    const last = written.lastPosition ?? prefix?.last?.position;
    const record = await appendRecord(store, name, file, check, written.importsHead, first, last);
    const after = await compareWithFile(store, file, check, name, options.progress, 'verifying the store');
    printImported(file, name, check, prefix?.events ?? 0, written.events, record, after);
    if (after.events !== check.events || after.record === undefined || !after.verification.valid) return EXIT.failed;
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** Any non-system event refuses the import (exit 2), naming the store and the first event it holds. */
async function assertEmpty(store: EventStore, name: string, file: string): Promise<void> {
  const head = await store.headPosition();
  if (head === 0) return;
  let first: RecordedEvent | undefined;
  for await (const event of store.readAll({ maxCount: 1 })) first = event;
  throw usageError(
    `${name} is not empty: it holds events up to position ${count(head)}` +
      (first ? ` (the first: ${first.type} in ${first.streamId} at position ${count(first.position)})` : '') +
      `: an import goes into an empty store only. If it holds an interrupted import of this very file, ` +
      `\`itp import --resume ${file}\` checks that what is stored is the file's beginning and appends the rest.`,
  );
}

async function firstStored(store: EventStore): Promise<number | undefined> {
  for await (const event of store.readAll({ maxCount: 1 })) return event.position;
  return undefined;
}

/** Why a stored event is not the file's event at the same place in the log, or undefined when it is. */
function difference(stored: RecordedEvent, expected: RecordedEvent): string | undefined {
  if (stored.id.toLowerCase() !== expected.id.toLowerCase()) return `its id is ${stored.id}, the file's ${expected.id}`;
  if (stored.streamId !== expected.streamId || stored.revision !== expected.revision)
    return `it is ${stored.streamId}@${stored.revision}, the file's ${expected.streamId}@${expected.revision}`;
  if (stored.type !== expected.type) return `its type is ${stored.type}, the file's ${expected.type}`;
  const previousHash = expected.metadata.previousHash;
  if (
    stored.metadata.hash !== expected.metadata.hash ||
    typeof previousHash !== 'string' ||
    hashEvent(stored, previousHash) !== expected.metadata.hash
  )
    return 'its content differs from the file (the hash over its data and metadata is not the file\u2019s)';
  return undefined;
}

const describeStored = (event: RecordedEvent) =>
  `${event.type} ${event.id} in ${event.streamId} at revision ${event.revision} (position ${count(event.position)})`;

const isRecordOf = (event: RecordedEvent, digest: string): boolean =>
  event.streamId === IMPORTS_STREAM &&
  event.type === LOG_IMPORTED &&
  (event.data.file as { sha256?: unknown } | undefined)?.sha256 === digest;

/**
 * Reads the store's log and the file side by side: every stored event must be the file's event at the same
 * place (id, stream, revision, type, hash over its content), and after the file's last event there may be only
 * this file's LogImported record. Anything else is refused (exit 2) and nothing is written. Every chain of the
 * store is verified on the way.
 */
async function compareWithFile(
  store: EventStore,
  file: string,
  check: ExportFileCheck,
  name: string,
  progress: boolean,
  label: string,
): Promise<StoredPrefix> {
  const head = await store.headPosition();
  const bar = progressBar(label, head, { enabled: progress });
  const lines = new ExportFileReader(file).events()[Symbol.asyncIterator]();
  const verifier = new LogVerifier(undefined, GENESIS_ANCHOR);
  const prefix: Omit<StoredPrefix, 'verification'> = { events: 0 };
  const refuse = (what: string) =>
    usageError(
      `${name} does not hold an import of ${file}: ${what}. Nothing was written; an import goes into an empty store, ` +
        'or with --resume into one holding the beginning of the same file.',
    );
  try {
    for await (const stored of store.readAll({ toPosition: head })) {
      await verifier.check(stored);
      bar.update(stored.position);
      if (prefix.record !== undefined)
        throw refuse(`it holds ${describeStored(stored)} after the file's LogImported record`);
      const next = await lines.next();
      if (next.done) {
        if (isRecordOf(stored, check.digest)) {
          prefix.record = stored;
          continue;
        }
        throw refuse(`it holds ${describeStored(stored)} after the file's ${count(check.events)} events`);
      }
      const problem = difference(stored, next.value.event);
      if (problem !== undefined)
        throw refuse(
          `its event ${count(prefix.events + 1)}, ${describeStored(stored)}, is not the file's line ${count(next.value.line)}: ${problem}`,
        );
      prefix.events += 1;
      prefix.first ??= { position: stored.position, recordedAt: stored.recordedAt };
      prefix.last = { position: stored.position, recordedAt: stored.recordedAt };
    }
  } finally {
    bar.stop();
    await lines.return?.(undefined);
  }
  return { ...prefix, verification: await verifier.finish(head) };
}

interface Run {
  streamId: string;
  events: EventToAppend[];
  firstRevision: number;
  bytes: number;
}

interface Written {
  events: number;
  /** The position EventStoreDB gave the last event appended. */
  lastPosition?: number;
  /** Where the file leaves the `itp-imports` stream (it holds one when the file is an export of an import). */
  importsHead: { revision: number; hash: string } | undefined;
}

/**
 * The second pass: reads the file again, checks each event's chain link again as it goes (a file changed since
 * the first pass stops the import before a changed event is written), skips the `skip` events already stored,
 * and appends each contiguous run of one stream in one append (split only beyond 500 events or 512 KiB), with the
 * revision the stream has before the run as expected revision and the events' own ids.
 */
async function appendFile(
  store: EventStore,
  file: string,
  check: ExportFileCheck,
  skip: number,
  name: string,
  progress: boolean,
): Promise<Written> {
  const bar = progressBar('writing events', check.bytes, { enabled: progress, unit: 'bytes' });
  const reader = new ExportFileReader(file, ({ bytesRead }) => bar.update(bytesRead));
  const heads = new Map<string, { next: number; hash: string }>();
  const written: Written = { events: 0, importsHead: undefined };
  let index = 0;
  let run: Run | undefined;
  const changed = (why: string) =>
    unavailable(
      `${file} changed while it was being imported (${why}): ` +
        `${plural(skip + written.events, 'event')} of it are in ${name}, each verified; ` +
        `restore the file and run \`itp import --resume ${file}\`.`,
    );
  const flush = async () => {
    if (run === undefined) return;
    const appending = run;
    run = undefined;
    const position = await appendRun(store, appending, file, name, skip + written.events, check.events);
    written.events += appending.events.length;
    written.lastPosition = position;
  };
  try {
    for await (const { event } of reader.events()) {
      const head = heads.get(event.streamId) ?? { next: 0, hash: GENESIS_HASH };
      if (
        event.revision !== head.next ||
        event.metadata.previousHash !== head.hash ||
        event.metadata.hash !== hashEvent(event, head.hash)
      )
        throw changed(`${event.streamId} at revision ${event.revision} no longer verifies`);
      heads.set(event.streamId, { next: event.revision + 1, hash: event.metadata.hash as string });
      index += 1;
      if (index <= skip) continue;
      const bytes = Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
      if (
        run !== undefined &&
        (run.streamId !== event.streamId || run.events.length >= MAX_RUN_EVENTS || run.bytes + bytes > MAX_RUN_BYTES)
      )
        await flush();
      run ??= { streamId: event.streamId, events: [], firstRevision: event.revision, bytes: 0 };
      run.events.push({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
      run.bytes += bytes;
    }
    if (reader.digest() !== check.digest) throw changed('its SHA-256 is not the one verified');
    if (index !== check.events) throw changed(`it has ${count(index)} events, ${count(check.events)} were verified`);
    await flush();
  } finally {
    bar.stop();
  }
  const imports = heads.get(IMPORTS_STREAM);
  written.importsHead = imports && { revision: imports.next - 1, hash: imports.hash };
  return written;
}

/** One append; answers the position EventStoreDB gave its last event. */
async function appendRun(
  store: EventStore,
  run: Run,
  file: string,
  name: string,
  stored: number,
  total: number,
): Promise<number> {
  const expectedRevision = run.firstRevision === 0 ? 'no_stream' : run.firstRevision - 1;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await store.appendToStream(run.streamId, run.events, { expectedRevision })).position;
      } catch (error) {
        // The same events with the same ids and expected revision: if the lost append was stored, the store
        // answers the retry as the same append instead of storing it twice.
        if (!(error instanceof EventStoreUnavailableError) || attempt >= APPEND_ATTEMPTS) throw error;
        await delay(RETRY_DELAY_MS * attempt);
      }
    }
  } catch (error) {
    const state =
      `${count(stored)} of the file's ${plural(total, 'event')} were acknowledged by ${name} before it ` +
      `(the ${plural(run.events.length, 'event')} of this append to ${run.streamId} may or may not be stored)`;
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)
      throw unavailable(
        `${name} changed under the import (${error.message}): ${state}. Stop every other writer (the api, another ` +
          `import) and run \`itp import --resume ${file}\`, which checks what is stored before it appends.`,
      );
    if (error instanceof EventStoreUnavailableError)
      throw unavailable(
        `${error.message}: ${state}. Run \`itp import --resume ${file}\` when it answers again: it checks what is ` +
          'stored (ids and hashes) and appends the rest.',
      );
    throw error;
  }
}

/**
 * The import's record, after its last event: the file's SHA-256 and size, its event and stream counts, its first
 * and last ORIGINAL positions and recorded times (EventStoreDB did not keep them), the positions EventStoreDB
 * assigned instead, and the file's global chain head. Its id derives from the file's SHA-256, so a retried append
 * of it is recognised; its metadata is hash-chained like every event's.
 */
async function appendRecord(
  store: EventStore,
  name: string,
  file: string,
  check: ExportFileCheck,
  importsHead: Written['importsHead'],
  firstPosition: number | undefined,
  lastPosition: number | undefined,
): Promise<{ revision: number; position: number; id: string }> {
  const id = deterministicEventId(`itp-import:${check.digest}`, 0);
  const revision = importsHead === undefined ? 0 : importsHead.revision + 1;
  const data = {
    file: { name: basename(file), sha256: check.digest, bytes: check.bytes },
    events: check.events,
    streams: check.verification.streams.checked,
    original: {
      first: check.first ?? null,
      last: check.last ?? null,
      globalChainHead: check.verification.head.link,
    },
    assigned: { firstPosition: firstPosition ?? null, lastPosition: lastPosition ?? null },
    kept: 'the id, stream, revision, type, data and metadata (hash chain) of every event, in the order of the file',
    notKept:
      'original positions and recorded times: EventStoreDB assigned its own, at the time of the import; the originals are in the file this SHA-256 names',
  };
  const metadata: EventMetadata = {
    actor: `itp import (${safeUser()})`,
    role: 'admin',
    unit: 'itp-cli',
    commandId: id,
    correlationId: id,
    causationId: id,
  };
  const chained = chainMetadata(
    { streamId: IMPORTS_STREAM, revision, type: LOG_IMPORTED, data, metadata },
    importsHead?.hash ?? GENESIS_HASH,
  );
  const run: Run = {
    streamId: IMPORTS_STREAM,
    events: [{ id, type: LOG_IMPORTED, data, metadata: chained }],
    firstRevision: revision,
    bytes: 0,
  };
  const position = await appendRun(store, run, file, name, check.events, check.events);
  return { revision, position, id };
}

const safeUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
};

const span = (from: Position | undefined, to: Position | undefined, what: 'position' | 'recordedAt'): string =>
  from && to
    ? what === 'position'
      ? `${count(from.position)} to ${count(to.position)}`
      : `${from.recordedAt} to ${to.recordedAt}`
    : 'none';

function printImported(
  file: string,
  name: string,
  check: ExportFileCheck,
  resumedAfter: number,
  appended: number,
  record: { revision: number; position: number },
  after: StoredPrefix,
): void {
  println(
    `Imported ${plural(check.events, 'event')} of ${plural(check.verification.streams.checked, 'stream')} from ${file} into ${name}`,
  );
  if (resumedAfter > 0)
    println(
      `  resumed: the first ${resumedAfter === 1 ? 'event was' : `${count(resumedAfter)} events were`} already stored (same ids, streams, revisions and hashes as the file); ${count(appended)} appended now`,
    );
  println("  kept: every event's id, stream, revision, type, data and metadata (its hash chain), in the file's order");
  println(
    `  NOT kept: the original positions (${span(check.first, check.last, 'position')}) and recorded times (${span(check.first, check.last, 'recordedAt')}); ` +
      `EventStoreDB assigned positions ${span(after.first, after.last, 'position')} and recorded the events at ${span(after.first, after.last, 'recordedAt')}`,
  );
  println(
    `  recorded as ${LOG_IMPORTED} in stream ${IMPORTS_STREAM} at revision ${record.revision} (position ${count(record.position)}): ` +
      `the file's SHA-256 ${check.digest}, its event count, and its first and last original positions and recorded times`,
  );
  printAsOf(after);
  printVerified(after, check);
  println(
    '  read models: not folded by the import; the projector (MongoDB) or the api (embedded read models) folds them from the log',
  );
}

function printAlreadyImported(file: string, name: string, check: ExportFileCheck, prefix: StoredPrefix): void {
  const record = prefix.record!;
  println(`Nothing to import: ${name} already holds the whole of ${file} and its ${LOG_IMPORTED} record`);
  println(
    `  ${plural(check.events, 'event')}, then ${LOG_IMPORTED} in ${IMPORTS_STREAM} at revision ${record.revision} (position ${count(record.position)}, recorded ${record.recordedAt}); nothing was written`,
  );
  printAsOf(prefix);
  printVerified(prefix, check);
}

function printAsOf(stored: StoredPrefix): void {
  println(
    `  "as of" on this store now means EventStoreDB's recorded time: every imported event counts as recorded at the import (${span(stored.first, stored.last, 'recordedAt')}), ` +
      'so an instant before it sees none of them and one after it sees all. To look back in time on this history, import ' +
      'the file into an embedded data directory (ITP_DATA_DIR, EVENTSTORE_CONNECTION_STRING unset), which keeps positions and recorded times.',
  );
}

function printVerified(stored: StoredPrefix, check: ExportFileCheck): void {
  const { verification } = stored;
  if (verification.valid && stored.events === check.events && stored.record !== undefined)
    println(
      `  verified after the import: the store holds the file's events in its order with the same ids and hashes, ` +
        `and every chain holds (${plural(verification.streams.checked, 'stream')}, ${plural(verification.events, 'event')})`,
    );
  else
    println(
      `  verification after the import FAILED: ${verification.firstBreak ?? `${count(stored.events)} of ${count(check.events)} events stored`}`,
    );
}

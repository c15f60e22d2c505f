import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { EventStoreDbEventStore, type RecordedEvent } from '@itp/event-store';
import { EventStoreDbStandIn } from '../../tools/eventstoredb-standin/standin';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from './itp-cli';

/**
 * `itp import` into EventStoreDB, run as people run it (the built executable, a child process) against the
 * EventStoreDB wire stand-in (tools/eventstoredb-standin): a fresh, empty one per scenario, since an import goes
 * into an empty store only. EventStoreDB assigns positions and recorded times itself: the import keeps ids,
 * streams, revisions, types, data and metadata (hash chains) in the file's order, and records LogImported.
 */
jest.setTimeout(60_000);

if (process.env.EVENTSTORE_CONNECTION_STRING?.trim())
  process.stderr.write(
    `\n${'#'.repeat(96)}\n##  itp import into EventStoreDB runs on fresh wire stand-ins only (every scenario needs an EMPTY store):\n##  the server EVENTSTORE_CONNECTION_STRING names is NOT exercised by this suite.\n${'#'.repeat(96)}\n\n`,
  );

const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

const FILE_LINES = linesOf(RECORDED_DEMO);
const FILE_EVENTS: RecordedEvent[] = FILE_LINES.map((line) => JSON.parse(line));
const FILE_SHA256 = createHash('sha256').update(readFileSync(RECORDED_DEMO)).digest('hex');

/** Everything a store holds, system events aside, in log order (read through the port's adapter). */
async function storedEvents(connectionString: string): Promise<RecordedEvent[]> {
  const store = new EventStoreDbEventStore(connectionString);
  try {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

/** What an interrupted import leaves: the file's first events, one append per contiguous run of a stream. */
async function appendAsTheImportDoes(connectionString: string, events: readonly RecordedEvent[]): Promise<void> {
  const store = new EventStoreDbEventStore(connectionString);
  try {
    for (let start = 0; start < events.length;) {
      let end = start + 1;
      while (end < events.length && events[end].streamId === events[start].streamId) end += 1;
      const run = events.slice(start, end);
      await store.appendToStream(
        run[0].streamId,
        run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        { expectedRevision: run[0].revision === 0 ? 'no_stream' : run[0].revision - 1 },
      );
      start = end;
    }
  } finally {
    await store.close();
  }
}

/** What the import keeps of an event: everything but its position and recorded time. */
const kept = ({ id, streamId, revision, type, data, metadata }: RecordedEvent) => ({
  id,
  streamId,
  revision,
  type,
  data,
  metadata,
});

describe('itp import into EventStoreDB (wire stand-in)', () => {
  const work = scratch();
  const standIns: EventStoreDbStandIn[] = [];
  let stores = 0;
  /** A fresh, empty stand-in and the environment that points the command line at it. */
  const freshStore = async () => {
    const standIn = await EventStoreDbStandIn.create();
    standIns.push(standIn);
    stores += 1;
    const env = {
      ITP_DATA_DIR: work.path(`data-${stores}`),
      EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
    };
    return { standIn, env, connectionString: standIn.connectionString };
  };
  let first: Awaited<ReturnType<typeof freshStore>>;
  let imported: Awaited<ReturnType<typeof itp>>;

  beforeAll(async () => {
    ensureCliBuilt();
    first = await freshStore();
    imported = await itp(['import', RECORDED_DEMO], first.env);
  }, 300_000);
  afterAll(async () => {
    for (const standIn of standIns) await standIn.close();
    work.remove();
  });

  it('imports every event in the file order, says what it kept and what "as of" means after it, and records LogImported', async () => {
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 412 events of 67 streams');
    expect(imported.stdout).toContain(
      'NOT kept: the original positions (1 to 412) and recorded times (2014-01-02T01:04:02.000Z to 2014-12-31T04:24:35.000Z)',
    );
    expect(imported.stdout).toContain(`recorded as LogImported in stream itp-imports at revision 0`);
    expect(imported.stdout).toContain(`the file's SHA-256 ${FILE_SHA256}`);
    expect(imported.stdout).toContain(`"as of" on this store now means EventStoreDB's recorded time`);
    expect(imported.stdout).toContain('import the file into an embedded data directory');
    expect(imported.stdout).toContain('verified after the import');

    const stored = await storedEvents(first.connectionString);
    expect(stored).toHaveLength(413);
    expect(stored.slice(0, 412).map(kept)).toEqual(FILE_EVENTS.map(kept));
    // Positions and recorded times are EventStoreDB's: increasing, none of them the original.
    const positions = stored.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(stored[0].position).not.toBe(FILE_EVENTS[0].position);
    expect(stored.every((event) => event.recordedAt > '2026-01-01')).toBe(true);

    const record = stored[412];
    expect(record).toMatchObject({ streamId: 'itp-imports', revision: 0, type: 'LogImported' });
    expect(record.data).toMatchObject({
      file: { name: 'demo-2014-recorded.ndjson', sha256: FILE_SHA256, bytes: readFileSync(RECORDED_DEMO).length },
      events: 412,
      streams: 67,
      original: {
        first: { position: 1, recordedAt: '2014-01-02T01:04:02.000Z' },
        last: { position: 412, recordedAt: '2014-12-31T04:24:35.000Z' },
      },
      assigned: { firstPosition: stored[0].position, lastPosition: stored[411].position },
    });
    expect(record.metadata).toMatchObject({ role: 'admin', unit: 'itp-cli' });
    expect(record.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('itp verify holds on the imported store: every chain, the LogImported record included', async () => {
    const verified = await itp(['verify'], first.env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('413 events');
    expect(verified.stdout).toContain('every chain holds (68 streams)');
  });

  it('itp export from it has the same ids, types, data, metadata and hashes in the same order; positions and times differ', async () => {
    const out = work.path('from-eventstoredb.ndjson');
    expect((await itp(['export', '--out', out], first.env)).code).toBe(0);
    const exported: RecordedEvent[] = linesOf(out).map((line) => JSON.parse(line));
    expect(exported).toHaveLength(413);
    expect(exported.slice(0, 412).map(kept)).toEqual(FILE_EVENTS.map(kept));
    expect(exported.slice(0, 412).map((event) => event.metadata.hash)).toEqual(
      FILE_EVENTS.map((event) => event.metadata.hash),
    );
    expect(exported.slice(0, 412).some((event, i) => event.position === FILE_EVENTS[i].position)).toBe(false);
    expect(exported.slice(0, 412).some((event, i) => event.recordedAt === FILE_EVENTS[i].recordedAt)).toBe(false);
    expect(exported[412].type).toBe('LogImported');
  });

  it('refuses a store that is not empty, exit 2, naming it and pointing at --resume, and leaves it as it was', async () => {
    const before = await storedEvents(first.connectionString);
    const run = await itp(['import', RECORDED_DEMO], first.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`EventStoreDB at ${first.connectionString} is not empty`);
    expect(run.stderr).toContain('ExchangeRateSet in exchange-rates');
    expect(run.stderr).toContain('itp import --resume');
    expect(await storedEvents(first.connectionString)).toEqual(before);
  });

  it('--resume on a complete import of the same file writes nothing, exit 0', async () => {
    const before = await storedEvents(first.connectionString);
    const run = await itp(['import', '--resume', RECORDED_DEMO], first.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to import');
    expect(run.stdout).toContain('nothing was written');
    expect(await storedEvents(first.connectionString)).toEqual(before);
  });

  it('refuses a file with a broken chain, exit 1, naming stream and revision, and writes nothing', async () => {
    const target = await freshStore();
    const lines = [...FILE_LINES];
    const index = lines.findIndex((line) => line.includes('"type":"ProjectBusinessRegistered"'));
    const edited = JSON.parse(lines[index]);
    edited.data.countsTowardTarget = !edited.data.countsTowardTarget;
    lines[index] = JSON.stringify(edited);
    writeFileSync(work.path('tampered.ndjson'), `${lines.join('\n')}\n`);
    const run = await itp(['import', work.path('tampered.ndjson')], target.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nothing was imported');
    expect(run.stdout).toContain(`stream ${edited.streamId} breaks at revision ${edited.revision}`);
    expect(await storedEvents(target.connectionString)).toEqual([]);
  });

  it('resumes an interrupted import: the stored prefix is checked by ids and hashes, the rest appended once', async () => {
    const target = await freshStore();
    await appendAsTheImportDoes(target.connectionString, FILE_EVENTS.slice(0, 150));
    const plain = await itp(['import', RECORDED_DEMO], target.env);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('itp import --resume');

    const run = await itp(['import', '--resume', RECORDED_DEMO], target.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('resumed: the first 150 events were already stored');
    expect(run.stdout).toContain('262 appended now');
    const stored = await storedEvents(target.connectionString);
    expect(stored.slice(0, 412).map(kept)).toEqual(FILE_EVENTS.map(kept));
    expect(stored.map((event) => event.type).slice(412)).toEqual(['LogImported']);
    expect((await itp(['verify'], target.env)).code).toBe(0);
  });

  it('an append whose answer was lost after EventStoreDB stored it is sent again and recognised: nothing stored twice', async () => {
    const target = await freshStore();
    target.standIn.faults.inject('append', { kind: 'drop-after-persist' });
    const run = await itp(['import', RECORDED_DEMO], target.env);
    expect(run.code).toBe(0);
    expect(target.standIn.faults.pending).toBe(0);
    const stored = await storedEvents(target.connectionString);
    expect(stored).toHaveLength(413);
    expect(new Set(stored.map((event) => event.id)).size).toBe(413);
    expect(stored.slice(0, 412).map(kept)).toEqual(FILE_EVENTS.map(kept));
  });

  it('a store that stays unreachable stops the import, exit 3 with the way on; --resume then completes without duplicating', async () => {
    const target = await freshStore();
    target.standIn.faults.inject('append', { kind: 'drop-after-persist' });
    target.standIn.faults.inject('append', { kind: 'drop' }, 2);
    const cut = await itp(['import', RECORDED_DEMO], target.env);
    expect(cut.code).toBe(3);
    expect(cut.stderr).toContain('may or may not be stored');
    expect(cut.stderr).toContain(`itp import --resume ${RECORDED_DEMO}`);
    const partial = await storedEvents(target.connectionString);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(412);

    const resumed = await itp(['import', '--resume', RECORDED_DEMO], target.env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(
      `resumed: the first ${partial.length === 1 ? 'event was' : `${partial.length} events were`}`,
    );
    const stored = await storedEvents(target.connectionString);
    expect(stored).toHaveLength(413);
    expect(new Set(stored.map((event) => event.id)).size).toBe(413);
    expect(stored.slice(0, 412).map(kept)).toEqual(FILE_EVENTS.map(kept));
  });

  it('--resume refuses a store holding anything but the beginning of the file, exit 2, and writes nothing', async () => {
    const target = await freshStore();
    // The file's first ten events, then an event that is not the file's eleventh.
    await appendAsTheImportDoes(target.connectionString, [
      ...FILE_EVENTS.slice(0, 10),
      { ...FILE_EVENTS[10], id: randomUUID(), streamId: 'somewhere-else', revision: 0 },
    ]);
    const before = await storedEvents(target.connectionString);
    const run = await itp(['import', '--resume', RECORDED_DEMO], target.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not hold an import of');
    expect(run.stderr).toContain("is not the file's line 11");
    expect(await storedEvents(target.connectionString)).toEqual(before);
  });

  it('an export of an imported store imports again: the earlier LogImported is kept, the new one follows it', async () => {
    const target = await freshStore();
    const file = work.path('from-eventstoredb.ndjson');
    const run = await itp(['import', file], target.env);
    expect(run.code).toBe(0);
    const stored = await storedEvents(target.connectionString);
    expect(stored).toHaveLength(414);
    expect(stored.filter((event) => event.streamId === 'itp-imports').map((event) => event.revision)).toEqual([0, 1]);
    expect(stored[413].data).toMatchObject({ events: 413, streams: 68 });
    expect((await itp(['verify'], target.env)).stdout).toContain('every chain holds (68 streams)');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { v4 as uuid } from 'uuid';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { chainMetadata, GENESIS_HASH } from '../hash-chain/hash-chain';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ExportFileError } from './export-line';
import { checkExportFile, ExportFileChangedError, writeExportFile } from './import-export-file';
import { eventsToExport, writeExport } from './ndjson-export';
import { SqliteImport, storedEventCount, StoreNotEmptyError } from './sqlite-import';

const metadata = { actor: 'a', role: 'admin', unit: 'u', commandId: 'c', correlationId: 'c', causationId: 'c' };
const days = ['2014-01-02T01:00:00.000Z', '2014-03-31T02:00:00.000Z', '2014-07-05T03:00:00.000Z'];

/** Chained events of `count` revisions from `from`, as the command side appends them. */
const chained = (streamId: string, from: number, count: number, previous: string): EventToAppend[] => {
  let previousHash = previous;
  return Array.from({ length: count }, (_, i) => {
    const fields = { streamId, revision: from + i, type: 'SomethingHappened', data: { n: from + i }, metadata };
    const chainedMetadata = chainMetadata(fields, previousHash);
    previousHash = chainedMetadata.hash as string;
    return { id: uuid(), type: fields.type, data: fields.data, metadata: chainedMetadata };
  });
};

const collect = async (events: AsyncIterable<RecordedEvent>) => {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

describe('exporting an SQLite log and importing it into another', () => {
  let dir: string;
  let source: SqliteEventStore;
  let exported: RecordedEvent[];
  const file = () => join(dir, 'export.ndjson');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'itp-export-'));
    let day = 0;
    // A clock that moves through 2014: the recorded times an import must keep.
    source = new SqliteEventStore({ filePath: join(dir, 'source.sqlite'), clock: () => new Date(days[day]) });
    const a = chained('a', 0, 2, GENESIS_HASH);
    await source.appendToStream('a', a, { expectedRevision: 'no_stream' });
    day = 1;
    await source.appendToStream('b', chained('b', 0, 3, GENESIS_HASH), { expectedRevision: 'no_stream' });
    day = 2;
    await source.appendToStream('a', chained('a', 2, 1, a[1].metadata.hash as string), { expectedRevision: 1 });
    exported = await collect(source.readAll());
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await writeExport(eventsToExport(source), output)).toMatchObject({ events: 6, lastPosition: 6 });
    writeFileSync(file(), Buffer.concat(chunks));
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the file: six events in two streams, every chain holding', async () => {
    const check = await checkExportFile(file());
    expect(check).toMatchObject({ valid: true, events: 6, verification: { streams: { checked: 2, broken: 0 } } });
    expect(check.first).toEqual({ position: 1, recordedAt: days[0] });
    expect(check.last).toEqual({ position: 6, recordedAt: days[2] });
  });

  it('imports it with the same positions, recorded times, ids and hashes; appends continue after it', async () => {
    const target = join(dir, 'imported.sqlite');
    const check = await checkExportFile(file());
    const run = SqliteImport.begin(target);
    expect(await writeExportFile(file(), run, check.digest)).toBe(6);
    run.commit();
    const store = new SqliteEventStore({ filePath: target, clock: () => new Date('2015-01-05T00:00:00.000Z') });
    try {
      expect(await collect(store.readAll())).toEqual(exported);
      expect(await collect(store.readAll({ toRecordedAt: '2014-04-01T00:00:00.000Z' }))).toEqual(exported.slice(0, 5));
      const last = exported[5];
      const next = chained('a', 3, 1, last.metadata.hash as string);
      expect(await store.appendToStream('a', next, { expectedRevision: 2 })).toEqual({
        nextExpectedRevision: 3,
        position: 7,
      });
    } finally {
      await store.close();
    }
  });

  it('exports one stream, or up to a position', async () => {
    expect((await collect(eventsToExport(source, { streamId: 'a' }))).map((e) => e.position)).toEqual([1, 2, 6]);
    expect((await collect(eventsToExport(source, { streamId: 'b', toPosition: 4 }))).map((e) => e.revision)).toEqual([
      0, 1,
    ]);
    expect((await collect(eventsToExport(source, { toRecordedAt: days[1] }))).length).toBe(5);
  });

  it('refuses to begin on a log that holds events, and leaves it as it was', async () => {
    const target = join(dir, 'imported.sqlite');
    const before = storedEventCount(target);
    expect(before).toBe(7);
    expect(() => SqliteImport.begin(target)).toThrow(StoreNotEmptyError);
    expect(storedEventCount(target)).toBe(7);
  });

  it('writes nothing when the file changed between the two passes', async () => {
    const target = join(dir, 'changed.sqlite');
    const check = await checkExportFile(file());
    const changed = join(dir, 'changed.ndjson');
    writeFileSync(changed, readFileSync(file()));
    const run = SqliteImport.begin(target);
    await expect(writeExportFile(changed, run, 'not the digest that was verified')).rejects.toThrow(
      ExportFileChangedError,
    );
    run.abort();
    expect(storedEventCount(target)).toBe(0);
    expect(check.valid).toBe(true);
  });

  it('refuses lines out of the log order: a recorded time going back, a position going back', async () => {
    const lines = readFileSync(file(), 'utf8').trimEnd().split('\n');
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)].map((line, i) => {
      const parsed = JSON.parse(line);
      return JSON.stringify({ ...parsed, position: i + 1 });
    });
    writeFileSync(join(dir, 'reordered.ndjson'), `${swapped.join('\n')}\n`);
    const reordered = await checkExportFile(join(dir, 'reordered.ndjson'));
    // Each stream keeps its own order, but "as of" needs recorded times that never decrease along the log.
    expect(reordered.valid).toBe(false);
    expect(reordered.verification.streams.broken).toBe(0);
    expect(reordered.formatError?.message).toMatch(/^line 3: recorded at .* recorded times never decrease/);
    writeFileSync(join(dir, 'backwards.ndjson'), `${[lines[1], lines[0]].join('\n')}\n`);
    const backwards = await checkExportFile(join(dir, 'backwards.ndjson'));
    expect(backwards.formatError).toBeInstanceOf(ExportFileError);
    expect(backwards.formatError?.message).toBe('line 2: position 1 does not follow 2');
  });
});

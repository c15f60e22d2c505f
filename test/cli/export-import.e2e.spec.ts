import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from './itp-cli';

type Row = {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
};

/** Every stored row of a data directory's event log, as SQLite holds it. */
const rowsOf = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
};

/** Compared as bytes (jest's deep equality walks a Buffer byte by byte). */
const sameBytes = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

// Each run is a fresh Node process (about a second); an import also folds the read models.
jest.setTimeout(60_000);

describe('itp export and itp import on the embedded store', () => {
  const work = scratch();
  const data = (name: string) => ({ ITP_DATA_DIR: work.path(name) });
  beforeAll(async () => {
    ensureCliBuilt();
    const run = await itp(['import', RECORDED_DEMO], data('first'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 412 events of 67 streams');
  }, 300_000);
  afterAll(() => work.remove());

  it('round-trips: export -> import -> export gives the same bytes, and the same rows (positions, recorded times, hashes)', async () => {
    expect((await itp(['export', '--out', work.path('first.ndjson')], data('first'))).code).toBe(0);
    expect(sameBytes(work.path('first.ndjson'), RECORDED_DEMO)).toBe(true);
    expect((await itp(['import', work.path('first.ndjson')], data('second'))).code).toBe(0);
    expect((await itp(['export', '--out', work.path('second.ndjson')], data('second'))).code).toBe(0);
    expect(sameBytes(work.path('second.ndjson'), work.path('first.ndjson'))).toBe(true);
    const [first, second] = [rowsOf(work.path('first', 'events.sqlite')), rowsOf(work.path('second', 'events.sqlite'))];
    expect(second).toEqual(first);
    expect(first.map((row) => row.position)).toEqual(Array.from({ length: 412 }, (_, i) => i + 1));
    expect(first[0].recorded_at).toBe('2014-01-02T01:04:02.000Z');
    expect(JSON.parse(first[0].metadata).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exports up to a position or a recorded instant; the import of that prefix verifies', async () => {
    const byPosition = await itp(['export', '--to', '100', '--out', work.path('to-100.ndjson')], data('first'));
    expect(byPosition.code).toBe(0);
    expect(linesOf(work.path('to-100.ndjson'))).toEqual(linesOf(RECORDED_DEMO).slice(0, 100));
    // 5 July 2014, the evening the bulletin of the second quarter was sent (Asia/Shanghai).
    const byInstant = await itp(
      ['export', '--to', '2014-07-05T18:00:00+08:00', '--out', work.path('july.ndjson')],
      data('first'),
    );
    expect(byInstant.code).toBe(0);
    const july = linesOf(work.path('july.ndjson')).map((line) => JSON.parse(line));
    expect(july.length).toBeGreaterThan(0);
    expect(july.at(-1).recordedAt <= '2014-07-05T10:00:00.000Z').toBe(true);
    const next = JSON.parse(linesOf(RECORDED_DEMO)[july.length]);
    expect(next.recordedAt > '2014-07-05T10:00:00.000Z').toBe(true);
    expect((await itp(['import', work.path('july.ndjson')], data('july'))).code).toBe(0);
    const verified = await itp(['verify'], data('july'));
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`${july.length} events`);
  });

  it('exports one stream, and to stdout', async () => {
    const stream = JSON.parse(
      linesOf(RECORDED_DEMO).find((line) => line.includes('"type":"ProjectRegistered"'))!,
    ).streamId;
    const run = await itp(['export', '--stream', stream, '--out', '-'], data('first'));
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(new Set(events.map((e) => e.streamId))).toEqual(new Set([stream]));
    expect(run.stderr).toContain(`Exported ${events.length} events`);
    expect((await itp(['export', '--stream', 'project-unknown', '--out', '-'], data('first'))).code).toBe(2);
  });

  it('refuses a file with a broken chain, exit 1, naming stream and revision, and writes nothing', async () => {
    const lines = linesOf(RECORDED_DEMO);
    const index = lines.findIndex((line) => line.includes('"type":"ProjectBusinessRegistered"'));
    const edited = JSON.parse(lines[index]);
    edited.data.countsTowardTarget = !edited.data.countsTowardTarget;
    lines[index] = JSON.stringify(edited);
    writeFileSync(work.path('tampered.ndjson'), `${lines.join('\n')}\n`);
    const run = await itp(['import', work.path('tampered.ndjson')], data('tampered'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nothing was imported');
    expect(run.stdout).toContain(`stream ${edited.streamId} breaks at revision ${edited.revision}`);
    expect(run.stdout).toContain('hash does not match the event content');
    expect(existsSync(work.path('tampered'))).toBe(false);
  });

  it('refuses a file that is not an export, exit 1, naming the line', async () => {
    const lines = linesOf(RECORDED_DEMO).slice(0, 3);
    writeFileSync(work.path('garbled.ndjson'), `${lines[0]}\n${lines[2]}\n{"position":\n`);
    const run = await itp(['import', work.path('garbled.ndjson')], data('garbled'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/line 3: not JSON/);
    expect(existsSync(work.path('garbled', 'events.sqlite'))).toBe(false);
  });

  it('imports into an empty store only: exit 2 on a store that holds events, which is left as it was', async () => {
    const before = rowsOf(work.path('first', 'events.sqlite'));
    const run = await itp(['import', RECORDED_DEMO], data('first'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not empty (412 events)');
    expect(rowsOf(work.path('first', 'events.sqlite'))).toEqual(before);
  });

  it('appends after the import continue after its last position', async () => {
    const db = new Database(work.path('second', 'events.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get()).toEqual({ seq: 412 });
    } finally {
      db.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { StoredDocument } from '@itp/read-store';
import { deflateRawSync } from 'node:zlib';
import { AsOfSnapshots, CHUNK_DOCUMENTS, chunkedBody, loadedDocumentBytes, SERIES_DICTIONARY } from './as-of-snapshots';

const progress = Array.from({ length: 12 }, (_, i) => ({
  month: `2014-${String(i + 1).padStart(2, '0')}`,
  investmentCompletedToDate: { amount: `${i}000.00`, currency: 'CNY' },
  correction: null,
  recordedAt: `2014-${String(i + 1).padStart(2, '0')}-25T01:00:00.000Z`,
}));
const explanation =
  'transfer-project target, domestic capital, rules 2014-01: CNY 308267146.00 is at least the threshold';

/** A project with both parts long enough to be kept apart, one with short ones (kept inline), one with none. */
const documents = (): Map<string, StoredDocument> =>
  new Map<string, StoredDocument>([
    [
      'p-1',
      {
        _id: 'p-1',
        name: 'One',
        targetYear: 2014,
        progress,
        problems: [],
        suspensions: [],
        businessRegistration: { registeredOn: '2014-03-01', evaluation: { explanation } },
        xiangnan: null,
        _position: 7,
      },
    ],
    [
      'p-2',
      {
        _id: 'p-2',
        name: 'Two',
        progress: [] as string[],
        problems: [] as string[],
        suspensions: [] as string[],
        businessRegistration: null,
        xiangnan: null,
        _position: 6,
      },
    ],
    ['rate', { _id: 'rate', rate: '6.1', _position: 1 }],
  ]);

describe('AsOfSnapshots', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'itp-snapshots-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const entry = (position: number) => ({
    position,
    recordedAt: '2014-08-01T00:00:00.000Z',
    eventId: `e-${position}`,
    events: position,
  });

  it('loads every document as it was saved, the parts kept apart included', () => {
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save('p@1:c', entry(10), documents());
    const loaded = snapshots.load('p@1:c', 10)!;
    expect(JSON.parse(JSON.stringify(Object.fromEntries(loaded)))).toEqual(Object.fromEntries(documents()));
    snapshots.close();
  });

  it('writes a body in chunks and loads every chunk, in order (an empty collection too)', () => {
    const many = new Map<string, StoredDocument>();
    // Two chunks and a bit, every third document with series kept apart (the light part's size varies by chunk).
    for (let i = 0; i < 2 * CHUNK_DOCUMENTS + 3; i += 1)
      many.set(`d-${i}`, { _id: `d-${i}`, n: i, progress: i % 3 === 0 ? progress : [], _position: i });
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save('p@1:c', entry(10), many);
    snapshots.save('p@1:c', entry(20), new Map());
    snapshots.save('p@1:c', entry(30), new Map([...many].slice(0, 2 * CHUNK_DOCUMENTS)));
    const loaded = snapshots.load('p@1:c', 10)!;
    expect([...loaded.keys()]).toEqual([...many.keys()]);
    expect(JSON.parse(JSON.stringify([...loaded.values()]))).toEqual([...many.values()]);
    expect(snapshots.load('p@1:c', 20)!.size).toBe(0);
    expect(snapshots.load('p@1:c', 30)!.size).toBe(2 * CHUNK_DOCUMENTS);
    const db = new Database(join(dir, 'snapshots.sqlite'), { readonly: true });
    const chunksAt = (position: number) => {
      const { body } = db.prepare('SELECT body FROM snapshots_v5 WHERE position = ?').get(position) as { body: Buffer };
      let chunks = 0;
      for (let offset = 0; offset < body.length; chunks += 1) offset += 4 + body.readUInt32BE(offset);
      return chunks;
    };
    expect([chunksAt(10), chunksAt(20), chunksAt(30)]).toEqual([3, 1, 2]); // an exact multiple: no empty chunk after
    db.close();
    snapshots.close();
  });

  it('gives back what it was saved with, whatever the values and ids (its parts last: key order aside)', () => {
    // Series of one shape and of mixed shapes, values of every JSON kind, undefined (JSON drops it), keys in any order.
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const entryOf = fc.record({
      month: fc.string(),
      amount: fc.record({ amount: fc.string(), currency: fc.string() }),
      note: value,
    });
    const document = fc.record({
      _id: fc.string({ minLength: 1 }),
      light: fc.dictionary(fc.string(), value, { maxKeys: 4 }),
      progress: fc.oneof(fc.array(entryOf, { maxLength: 30 }), fc.array(value, { maxLength: 30 })),
      problems: fc.array(fc.dictionary(fc.string(), value, { maxKeys: 3 }), { maxLength: 10 }),
      xiangnan: value,
    });
    fc.assert(
      fc.property(document, ({ _id, light, progress: series, problems, xiangnan }) => {
        const saved = { ...light, _id, progress: series, problems, xiangnan, _position: 3 } as StoredDocument;
        const snapshots = new AsOfSnapshots(mkdtempSync(join(dir, 'p-')), 2 ** 30);
        try {
          snapshots.save('p@1:c', entry(10), new Map([[_id, saved]]));
          const loaded = snapshots.load('p@1:c', 10)!.get(_id);
          // As JSON would give it back (undefined dropped), an own key __proto__ compared as a key.
          // Sorted by key only: the default sort would turn each [key, value] into a string, and a value such as
          // { toString: [] } cannot be one.
          const asJson = (value: unknown) =>
            Object.entries(JSON.parse(JSON.stringify(value)) as object).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            );
          expect(asJson(loaded)).toEqual(asJson(saved));
        } finally {
          snapshots.close();
        }
      }),
      {
        numRuns: 300,
        // A key __proto__ (an own property once parsed) must come back as one, not as the document's prototype.
        examples: [
          // Ids that name a property of Object.prototype are ids like any other.
          [{ _id: '__proto__', light: {}, progress: [], problems: [], xiangnan: [] }],
          [{ _id: 'valueOf', light: {}, progress: [], problems: [], xiangnan: null }],
          // A value the comparison itself once choked on (fast-check found it).
          [{ _id: ' ', light: {}, progress: [], problems: [], xiangnan: { toString: [] } }],
          // A key __proto__ beside series long enough to be kept apart: it stays a key of the light part.
          [
            {
              _id: 'p',
              light: JSON.parse('{"__proto__":1}') as Record<string, fc.JsonValue>,
              progress: progress.slice(0, 3).map(({ month, investmentCompletedToDate }) => ({
                month,
                amount: investmentCompletedToDate,
                note: null,
              })),
              problems: [],
              xiangnan: null,
            },
          ],
          [
            {
              _id: 'p',
              light: { ['__proto__']: 1 },
              progress: [{ month: '', amount: { amount: '', currency: '' }, note: JSON.parse('{"__proto__":[]}') }],
              problems: [],
              xiangnan: undefined,
            },
          ],
        ],
      },
    );
  });

  it('reads a part only when one of its fields is read, each part on its own', () => {
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save('p@1:c', entry(10), documents());
    const p1 = snapshots.load('p@1:c', 10)!.get('p-1')!;
    const light = loadedDocumentBytes(p1)!;
    expect(light).toBeGreaterThan(0);
    expect(p1.targetYear).toBe(2014);
    expect(snapshots.parsedPartBytes()).toBe(0);
    expect((p1.businessRegistration as { evaluation: { explanation: string } }).evaluation.explanation).toBe(
      explanation,
    );
    const withRegistration = snapshots.parsedPartBytes();
    expect(withRegistration).toBeGreaterThan(0); // the registration is a part of its own
    expect(Object.getOwnPropertyDescriptor(p1, 'xiangnan')).toHaveProperty('value', null); // too short: light
    expect(snapshots.parsedPartBytes()).toBe(withRegistration);
    expect(p1.progress).toEqual(progress);
    expect(snapshots.parsedPartBytes()).toBeGreaterThan(withRegistration);
    expect(Object.isFrozen(p1.progress)).toBe(true);
    // The parts are kept by the snapshots' cache, not by the document: its own bytes stay those of its light part.
    expect(loadedDocumentBytes(p1)).toBe(light);
    snapshots.close();
  });

  it("reads a project's suspensions or problems without its progress (a part each)", () => {
    const problems = Array.from({ length: 3 }, (_, i) => ({
      problemId: `pb-${i}`,
      title: 'Land',
      raisedOn: '2014-05-01',
    }));
    const suspensions = Array.from({ length: 3 }, (_, i) => ({ suspendedOn: `2014-0${i + 4}-01`, resumedOn: null }));
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save(
      'p@1:c',
      entry(10),
      new Map([['p', { _id: 'p', progress, problems, suspensions, _position: 3 } as StoredDocument]]),
    );
    const p = snapshots.load('p@1:c', 10)!.get('p')!;
    expect(p.suspensions).toEqual(suspensions);
    expect(snapshots.parsedPartBytes()).toBe(JSON.stringify({ suspensions }).length);
    expect(p.problems).toEqual(problems);
    expect(snapshots.parsedPartBytes()).toBe(
      JSON.stringify({ suspensions }).length + JSON.stringify({ problems }).length,
    );
    snapshots.close();
  });

  it('loads a snapshot written with other groups as it was written (one row for the three series)', () => {
    new AsOfSnapshots(dir, 2 ** 30).close(); // the tables
    const suspensions = [{ suspendedOn: '2014-04-01', resumedOn: null }];
    const group = JSON.stringify({ progress, problems: [], suspensions });
    const hash = Buffer.alloc(16, 7);
    const db = new Database(join(dir, 'snapshots.sqlite'));
    const body = chunkedBody([
      deflateRawSync(
        JSON.stringify({
          documents: [{ _id: 'p', name: 'Old', _position: 3 }],
          index: { p: [[hash.toString('base64url'), ['progress', 'problems', 'suspensions']]] },
        }),
      ),
    ]);
    const series = deflateRawSync(Buffer.from(group), { dictionary: SERIES_DICTIONARY });
    db.prepare('INSERT INTO series_v5 (hash, refs, size, bytes) VALUES (?, 1, ?, ?)').run(hash, series.length, series);
    db.prepare(
      'INSERT INTO snapshots_v5 (fingerprint, position, recorded_at, event_id, events, bytes, used_at, body, hashes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run('p@1:c', 10, null, 'e-10', 10, body.length + 16, 0, body, hash);
    db.close();
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    const p = snapshots.load('p@1:c', 10)!.get('p')!;
    expect(p.suspensions).toEqual(suspensions);
    expect(snapshots.parsedPartBytes()).toBe(group.length); // the whole group, as written
    expect(JSON.parse(JSON.stringify(p))).toEqual({
      _id: 'p',
      name: 'Old',
      _position: 3,
      progress,
      problems: [],
      suspensions,
    });
    snapshots.close();
  });

  it('keeps parsed parts within its budget, and reads a part again once it has gone', () => {
    const seriesJson = JSON.stringify({ progress }).length;
    // Room for the series part alone: reading the registration's part pushes it out.
    const snapshots = new AsOfSnapshots(dir, 2 ** 30, false, seriesJson);
    snapshots.save('p@1:c', entry(10), documents());
    const p1 = snapshots.load('p@1:c', 10)!.get('p-1')!;
    const first = p1.progress;
    expect(snapshots.parsedPartBytes()).toBe(seriesJson);
    expect(p1.progress).toBe(first); // kept: the same frozen values
    expect(p1.businessRegistration).not.toBeNull();
    expect(snapshots.parsedPartBytes()).toBeLessThanOrEqual(seriesJson);
    const again = p1.progress;
    expect(again).not.toBe(first); // read from its row again
    expect(again).toEqual(progress);
    expect(snapshots.parsedPartBytes()).toBeLessThanOrEqual(seriesJson);
    snapshots.dropParsedParts(); // as when the heap runs short
    expect(snapshots.parsedPartBytes()).toBe(0);
    expect(p1.progress).not.toBe(again);
    expect(p1.progress).toEqual(progress);
    snapshots.close();
  });

  it('keeps short parts in the light part, and writes no row for them', () => {
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save('p@1:c', entry(10), new Map([...documents()].filter(([id]) => id !== 'p-1')));
    const p2 = snapshots.load('p@1:c', 10)!.get('p-2')!;
    expect(loadedDocumentBytes(p2)).toBeUndefined(); // nothing lazy: every field was in the body
    expect(Object.getOwnPropertyDescriptor(p2, 'progress')).toHaveProperty('value', []);
    snapshots.close();
  });

  it('shares the rows of unchanged parts between snapshots, also when saving documents loaded from one', () => {
    const snapshots = new AsOfSnapshots(dir, 2 ** 30);
    snapshots.save('p@1:c', entry(10), documents());
    const rows = (): number => {
      const db = new Database(join(dir, 'snapshots.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM series_v5').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(rows()).toBe(2); // p-1's series and decisions; p-2's parts are short, kept in the body
    const loaded = snapshots.load('p@1:c', 10)!;
    snapshots.save('p@1:c', entry(20), loaded);
    expect(rows()).toBe(2);
    expect(loadedDocumentBytes(loaded.get('p-1')!)).toBe(loadedDocumentBytes(snapshots.load('p@1:c', 20)!.get('p-1')!));
    expect(JSON.parse(JSON.stringify(Object.fromEntries(snapshots.load('p@1:c', 20)!)))).toEqual(
      Object.fromEntries(documents()),
    );
    snapshots.close();
  });

  it('leaves the rows only the writer may sweep to the writer: a read-only instance deletes nothing', () => {
    const writer = new AsOfSnapshots(dir, 2 ** 30);
    writer.save('p@1:c', entry(10), documents());
    const db = new Database(join(dir, 'snapshots.sqlite'));
    // As after an eviction whose documents the writer still holds: no snapshot names the row, a pin keeps it.
    db.exec('UPDATE series_v5 SET refs = 0');
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM series_v5').get() as { n: number }).n;
    expect(count()).toBe(2);
    new AsOfSnapshots(dir, 2 ** 30, true).close();
    expect(count()).toBe(2);
    db.close();
    writer.close();
  });
});

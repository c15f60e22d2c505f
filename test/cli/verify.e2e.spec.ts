import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { chainMetadata, type EventMetadata } from '@itp/event-store';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { ensureCliBuilt, itp, RECORDED_DEMO, scratch } from './itp-cli';

// Each run is a fresh Node process (about a second); an import also folds the read models.
jest.setTimeout(60_000);

type Row = { position: number; revision: number; type: string; data: string; metadata: string };

/** Edits one event of events.sqlite behind the platform's back (test/commands/hash-chain-tamper.e2e.spec.ts). */
class Forger {
  constructor(private readonly file: string) {}

  private with<T>(work: (db: Database.Database) => T): T {
    const db = new Database(this.file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  }

  /** The stream of the first business registration that did not count toward the target (the edit a forger wants). */
  target(): string {
    return this.with(
      (db) =>
        db
          .prepare<[], { stream_id: string }>(
            "SELECT stream_id FROM events WHERE type = 'ProjectBusinessRegistered' AND revision = 4 ORDER BY position LIMIT 1",
          )
          .get()!.stream_id,
    );
  }

  rows(stream: string): Row[] {
    return this.with((db) =>
      db
        .prepare<[string], Row>(
          'SELECT position, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
        )
        .all(stream),
    );
  }

  /** Writes rows back as they are given (data and metadata as stored text). */
  write(stream: string, rows: readonly Row[]): void {
    this.with((db) => {
      const update = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND revision = ?');
      db.transaction(() => rows.forEach((row) => update.run(row.data, row.metadata, stream, row.revision)))();
    });
  }

  /** Changes the data of one event; with `rechain`, recomputes the stream's chain from it on, as a careful forger would. */
  edit(stream: string, revision: number, change: (data: Record<string, unknown>) => object, rechain: boolean): void {
    const rows = this.rows(stream);
    rows[revision] = { ...rows[revision], data: JSON.stringify(change(JSON.parse(rows[revision].data))) };
    if (rechain) {
      let previousHash = JSON.parse(rows[revision].metadata).previousHash as string;
      for (const row of rows.slice(revision)) {
        const { hash: _hash, ...metadata } = JSON.parse(row.metadata) as EventMetadata;
        const fields = {
          streamId: stream,
          revision: row.revision,
          type: row.type,
          data: JSON.parse(row.data),
          metadata,
        };
        const chained = chainMetadata(fields, previousHash);
        previousHash = chained.hash as string;
        rows[row.revision] = { ...row, metadata: JSON.stringify(chained) };
      }
    }
    this.write(stream, rows);
  }
}

const aBiggerInvestment = (data: Record<string, unknown>) => ({
  ...data,
  totalInvestment: { amount: '9999999999.00', currency: 'CNY' },
});

/**
 * `itp verify` on a data directory holding the recorded 2014 demo: it holds; then someone with write access to
 * events.sqlite edits an event, and verify exits 1 naming the stream and revision. With the api's notary (ADR 0008)
 * beside the log, an edit whose stream chain was recomputed is still found (by the global chain and the signed
 * checkpoints), and verify runs while the api is up.
 */
describe('itp verify on the recorded demo year', () => {
  const work = scratch();
  const env = { ITP_DATA_DIR: work.path('data') };
  let forger: Forger;
  let stream: string;
  let original: Row[];
  let importedHead: string;

  beforeAll(async () => {
    ensureCliBuilt();
    const imported = await itp(['import', RECORDED_DEMO], env);
    expect(imported.code).toBe(0);
    importedHead = /global chain head ([0-9a-f]{64})/.exec(imported.stdout)![1];
    forger = new Forger(work.path('data', 'events.sqlite'));
    stream = forger.target();
    original = forger.rows(stream);
  }, 300_000);
  afterAll(() => work.remove());

  it('passes before anyone touches the log, exit 0, saying that without a notary only stream chains were checked', async () => {
    const run = await itp(['verify'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('412 events up to position 412');
    expect(run.stdout).toContain('streams: every chain holds (67 streams)');
    expect(run.stdout).toContain('global chain and signed checkpoints: NOT CHECKED, there is no notary');
    expect(run.stdout).toContain('history holds');
  });

  describe('when an event is edited in events.sqlite', () => {
    beforeAll(() => forger.edit(stream, 4, aBiggerInvestment, false));
    afterAll(() => forger.write(stream, original));

    it('fails with exit 1, naming the stream and the revision', async () => {
      const run = await itp(['verify'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`streams: BROKEN, 1 of 67 streams; the first: ${stream} at revision 4`);
      expect(run.stdout).toContain(`FIRST BREAK: stream ${stream} breaks at revision 4`);
      expect(run.stdout).toContain('hash does not match the event content');
    });

    it('says the same as JSON for scripts', async () => {
      const run = await itp(['verify', '--json'], env);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        valid: false,
        events: 412,
        streams: { checked: 67, broken: 1, firstBreak: { streamId: stream, revision: 4 } },
      });
    });

    it("breaks the project's history at that revision, exit 1", async () => {
      const run = await itp(['history', stream.replace(/^project-/, '')], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Hash chain: BROKEN at revision 4');
    });
  });

  it('holds again once the edit is undone', async () => {
    expect((await itp(['verify'], env)).code).toBe(0);
  });

  describe("beside the running api and its notary's signed checkpoints", () => {
    let api: ApiHarness;
    let apiEnv: Record<string, string>;
    beforeAll(async () => {
      const keys = { ITP_SIGNING_KEY_FILE: work.path('keys', 'signing-key.pem') };
      api = await startApi({ eventLog: work.path('data', 'events.sqlite'), env: keys });
      apiEnv = { ITP_DATA_DIR: api.dataDir, ...keys };
      // The notary links the imported log in the background; then a checkpoint signs its head.
      for (let linked = 0; linked < 412;) {
        const verification = await api.request('GET', '/api/v1/audit/verification', { key: KEYS.auditor });
        linked = verification.body.globalChain?.notarised ?? 0;
        if (linked < 412) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await api.request('POST', '/api/v1/audit/checkpoints')).status).toBeLessThan(300);
      const exported = await api.request('GET', '/api/v1/audit/checkpoints', { key: KEYS.auditor });
      writeFileSync(work.path('checkpoints.json'), JSON.stringify(exported.body));
    });
    afterAll(() => api?.close());

    it('links the imported log to the head the import announced', async () => {
      const verification = await api.request('GET', '/api/v1/audit/verification', { key: KEYS.auditor });
      expect(verification.body.head).toMatchObject({ seq: 412, position: 412, link: importedHead });
    });

    it('checks the global chain and the checkpoints too, and takes no lock from the api: exit 0', async () => {
      const run = await itp(['verify', '--checkpoints', work.path('checkpoints.json')], apiEnv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("global chain: holds against the notary's links (412 linked, 0 not linked yet)");
      expect(run.stdout).toMatch(/checkpoints: 2 of 2 signed checkpoints hold, the last at position 412/);
    });

    it('finds an edit whose stream chain was recomputed, exit 1, by the global chain and the checkpoints', async () => {
      const apiForger = new Forger(`${api.dataDir}/events.sqlite`);
      apiForger.edit(stream, 4, aBiggerInvestment, true);
      const run = await itp(['verify', '--json'], apiEnv);
      expect(run.code).toBe(1);
      const result = JSON.parse(run.stdout);
      expect(result.streams).toMatchObject({ checked: 67, broken: 0 });
      expect(result.globalChain.firstBreak).toMatchObject({ position: original[4].position });
      expect(result.checkpoints.firstBreak).toBeDefined();
      expect(result.firstBreak).toContain(`the global chain breaks at position ${original[4].position}`);
    });
  });
});

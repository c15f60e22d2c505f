import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chainMetadata, EVENT_STORE, type EventStore, type RecordedEvent } from '@itp/event-store';
import {
  chainLink,
  GENESIS_LINK,
  loadOrCreateSigningKey,
  signCheckpoint,
  type CheckpointExport,
  type SignedCheckpoint,
  type SigningKey,
} from '@itp/event-store/notary';
import { loadConfig } from '@itp/platform';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { runVerifyLog } from '../../apps/api/src/audit/verify-log/verify-log.cli';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { expectNothingAppended, expectProblem, given, givenInvestor, givenProject } from '../support/command-fixtures';

jest.setTimeout(60_000);

/**
 * Someone with write access to the data directory edits events.sqlite (and notary.sqlite) with better-sqlite3
 * while the api is stopped, then the api starts again. Every edit must be found and named: by the per-stream
 * chains, by the global chain the notary recorded, or (when every chain was recomputed) only by the checkpoints
 * signed with the key kept outside the data directory; a cut tail whose newer checkpoints were deleted too only
 * against a copy of the checkpoints exported earlier.
 */

const API_KEYS = [
  { key: KEYS.admin, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'admin-user' },
  { key: KEYS.auditor, role: 'auditor', unit: 'audit-office', cities: '*', actor: 'auditor-1' },
];
const NOW = new Date('2014-12-31T04:00:00Z');

/** A place outside the data directory for the signing key, as ITP_SIGNING_KEY_FILE would be. */
const keyHome = mkdtempSync(join(tmpdir(), 'itp-signing-'));
afterAll(() => rmSync(keyHome, { recursive: true, force: true }));

interface Scene {
  dataDir: string;
  keyFile: string;
  env: Record<string, string>;
  api: ApiHarness;
  /** The history below, built through the command api: two projects and an investor. */
  p1: string;
  p2: string;
  investor: string;
  /** The checkpoints signed after events 6 and 9, as exported then (a copy kept elsewhere). */
  exported: CheckpointExport;
}

/** The api on `dataDir` (its own e2e instance, on this scene's key), as the harness's ApiHarness. */
async function openApi(dataDir: string, env: Record<string, string>): Promise<ApiHarness> {
  const config = loadConfig({
    ITP_DATA_DIR: dataDir,
    ITP_API_KEYS: JSON.stringify(API_KEYS),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app: NestFastifyApplication = await createApiApp(config, { quiet: true, clock: () => NOW });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    setNow: () => undefined,
    async request(method, url, { key = KEYS.admin, body, headers = {} } = {}) {
      const response = await app.inject({
        method,
        url,
        payload: body === undefined ? undefined : (body as object),
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      });
      return { status: response.statusCode, body: response.json(), headers: response.headers };
    },
    close: () => app.close(),
  };
}

/**
 * Positions 1-9: 1 investor registered, 2-5 project 1 registered, contract, business registration, landing,
 * 6 project 2 registered; checkpoint (event 6); 7 project 1 construction, 8 project 2 contract, 9 investor
 * amended; checkpoint (event 9).
 */
async function scene(name: string): Promise<Scene> {
  const dataDir = mkdtempSync(join(tmpdir(), `itp-tamper-${name}-`));
  const keyFile = join(keyHome, `${name}.pem`);
  const env = {
    ITP_SIGNING_KEY_FILE: keyFile,
    ITP_CHECKPOINT_EVERY_EVENTS: '1000000',
    ITP_CHECKPOINT_INTERVAL_MS: '3600000',
  };
  const api = await openApi(dataDir, env);
  const investor = await givenInvestor(api);
  const p1 = await givenProject(api, { investorId: investor });
  await given(api, p1, 'contract', { signedOn: '2014-03-05' });
  await given(api, p1, 'business-registration', { registeredOn: '2014-03-20' });
  await given(api, p1, 'landing', { reachedOn: '2014-04-01' });
  const p2 = await givenProject(api, { investorId: investor, name: 'Hengyang Songmu plant' });
  expect((await api.request('POST', '/api/v1/audit/checkpoints')).body.checkpoint).toMatchObject({ seq: 6 });
  await given(api, p1, 'construction', { reachedOn: '2014-05-01' });
  await given(api, p2, 'contract', { signedOn: '2014-05-05' });
  const amended = await api.request('PATCH', `/api/v1/investors/${investor}`, {
    body: { rankings: ['listed'], reason: 'Listed' },
  });
  expect(amended.status).toBe(200);
  expect((await api.request('POST', '/api/v1/audit/checkpoints')).body.checkpoint).toMatchObject({ seq: 9 });
  const exported = (await api.request('GET', '/api/v1/audit/checkpoints', { key: KEYS.auditor })).body;
  expect(await api.store.headPosition()).toBe(9);
  return { dataDir, keyFile, env, api, p1, p2, investor, exported };
}

/** Stops the api, lets `edit` change the files, starts the api again on them. */
async function tamper(s: Scene, edit: (events: Database.Database, notary: Database.Database) => void): Promise<void> {
  await s.api.close();
  const events = new Database(join(s.dataDir, 'events.sqlite'));
  const notary = new Database(join(s.dataDir, 'notary.sqlite'));
  try {
    events.transaction(() => notary.transaction(() => edit(events, notary))())();
  } finally {
    events.close();
    notary.close();
  }
  s.api = await openApi(s.dataDir, s.env);
}

const verification = async (s: Scene, exported?: CheckpointExport) =>
  exported
    ? s.api.request('POST', '/api/v1/audit/verification', { key: KEYS.auditor, body: exported })
    : s.api.request('GET', '/api/v1/audit/verification', { key: KEYS.auditor });

const done = async (s: Scene) => {
  await s.api.close();
  rmSync(s.dataDir, { recursive: true, force: true });
};

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
const rows = (db: Database.Database): Row[] => db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
const asEvent = (row: Row): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  recordedAt: row.recorded_at,
});

/** What a forger with the files (and the algorithms, which are public) recomputes: a stream's chain from a revision. */
function rechainStream(db: Database.Database, streamId: string): void {
  let previousHash = GENESIS_LINK;
  for (const row of rows(db).filter((r) => r.stream_id === streamId)) {
    const { hash: _hash, previousHash: _previous, ...metadata } = JSON.parse(row.metadata);
    const chained = chainMetadata(
      { streamId, revision: row.revision, type: row.type, data: JSON.parse(row.data), metadata },
      previousHash,
    );
    previousHash = chained.hash as string;
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(chained), row.position);
  }
}

/** ...and the notary's links, all of them, from the log as it now is. */
function relinkNotary(events: Database.Database, notary: Database.Database): void {
  notary.prepare('DELETE FROM links').run();
  let previous = GENESIS_LINK;
  rows(events).forEach((row, index) => {
    const link = chainLink(previous, index + 1, asEvent(row));
    notary
      .prepare('INSERT INTO links (seq, position, recorded_at, link) VALUES (?, ?, ?, ?)')
      .run(link.seq, link.position, link.recordedAt, Buffer.from(link.link, 'hex'));
    previous = link.link;
  });
}

/** ...and, holding a signing key (its own, or the api's stolen one), signs every checkpoint again over the new links. */
function resignCheckpoints(notary: Database.Database, key: SigningKey): void {
  const checkpoints = notary
    .prepare<[], { seq: number; signed_at: string }>('SELECT seq, signed_at FROM checkpoints')
    .all();
  for (const { seq, signed_at } of checkpoints) {
    const link = notary
      .prepare<[number], { seq: number; position: number; recorded_at: string; link: Buffer }>(
        'SELECT * FROM links WHERE seq = ?',
      )
      .get(seq)!;
    const signed: SignedCheckpoint = signCheckpoint(
      { seq, position: link.position, recordedAt: link.recorded_at, link: link.link.toString('hex') },
      key,
      new Date(signed_at),
    );
    notary
      .prepare('UPDATE checkpoints SET link = ?, key_id = ?, signature = ? WHERE seq = ?')
      .run(signed.link, signed.keyId, signed.signature, seq);
  }
}

/** Turns project 1's business registration around: counted toward the year's target, or not. */
function forgeBusinessRegistration(events: Database.Database, p1: string): void {
  const row = rows(events).find((r) => r.stream_id === `project-${p1}` && r.revision === 2)!;
  expect(row.type).toBe('ProjectBusinessRegistered');
  const data = JSON.parse(row.data);
  events
    .prepare('UPDATE events SET data = ? WHERE position = ?')
    .run(JSON.stringify({ ...data, countsTowardTarget: !data.countsTowardTarget }), row.position);
}

describe('tampering with the data directory', () => {
  describe('when nobody touched it', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('untouched');
    });
    afterAll(() => done(s));

    it('verifies whole: every stream, the global chain and both checkpoints', async () => {
      const { status, body } = await verification(s);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        valid: true,
        scope: 'whole',
        events: 9,
        streams: { checked: 3, broken: 0 },
        globalChain: { notarised: 9, unnotarised: 0 },
        checkpoints: { checked: 2, holding: 2, lastHolding: { seq: 9, position: 9 } },
      });
      expect(body.firstBreak).toBeUndefined();
    });

    it('reports integrity in /health: the state to anyone, the last verification to an auditor', async () => {
      expect((await s.api.request('GET', '/health', { key: null })).body.integrity).toBe('verified');
      const detailed = (await s.api.request('GET', '/health', { key: KEYS.auditor })).body.integrity;
      expect(detailed).toMatchObject({ state: 'verified', head: { seq: 9 }, lastCheckpoint: { seq: 9 } });
    });

    it('exports the public key (API and file beside the key) and checkpoints that verify with it', async () => {
      const key = (await s.api.request('GET', '/api/v1/audit/signing-key', { key: KEYS.auditor })).body;
      expect(key.publicKey).toBe(readFileSync(`${s.keyFile}.pub`, 'utf8'));
      expect(s.exported).toMatchObject({ algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey });
      expect(s.exported.checkpoints.map((c) => c.seq)).toEqual([6, 9]);
      expect((await verification(s, s.exported)).body).toMatchObject({ valid: true, checkpoints: { holding: 4 } });
    });

    it('keeps the audit endpoints to auditors and admins', async () => {
      for (const url of ['/api/v1/audit/verification', '/api/v1/audit/checkpoints', '/api/v1/audit/signing-key']) {
        expect((await s.api.request('GET', url, { key: KEYS.reporter })).status).toBe(401);
        expect((await s.api.request('GET', url, { key: null })).status).toBe(401);
      }
      expect((await s.api.request('POST', '/api/v1/audit/checkpoints', { key: KEYS.auditor })).status).toBe(403);
    });
  });

  describe('when an event is deleted from the middle of a stream', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('deleted');
      // Project 1's landing (revision 3, position 5); its construction (revision 4, position 7) stays.
      await tamper(s, (events) => events.prepare('DELETE FROM events WHERE position = 5').run());
    });
    afterAll(() => done(s));

    it('refuses every command on the stream with a 500 integrity-violation naming stream and revision (not 409 forever)', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await expectNothingAppended(s.api, () =>
          s.api.request('POST', `/api/v1/projects/${s.p1}/production`, { body: { reachedOn: '2014-06-01' } }),
        );
        expectProblem(response, 500, 'integrity-violation');
        expect(response.body).toMatchObject({ streamId: `project-${s.p1}`, revision: 3 });
      }
    });

    it('still takes commands on streams that hold', async () => {
      const landed = await s.api.request('POST', `/api/v1/projects/${s.p2}/landing`, {
        body: { reachedOn: '2014-06-01' },
      });
      expect(landed.status).toBe(200);
    });

    it('is named by the verification: the stream at revision 3, the global chain at position 5', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        streams: { broken: 1, firstBreak: { streamId: `project-${s.p1}`, revision: 3, position: 7 } },
        globalChain: { firstBreak: { seq: 5, position: 6, reason: expect.stringMatching(/position 5 .* is missing/) } },
        checkpoints: { firstBreak: { seq: 6, source: 'notary' } },
      });
      expect(body.firstBreak).toMatch(new RegExp(`global chain breaks at position 6 .*position 5`));
    });
  });

  describe('when the last event of a stream is deleted while the api has the stream in memory', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('cut-stream');
    });
    afterAll(() => done(s));

    it('answers the next command 500 integrity-violation, not 409 "kept changing" on every retry', async () => {
      // Project 2's contract (revision 1, position 8) is its last event; the api folded it when it wrote it.
      const db = new Database(join(s.dataDir, 'events.sqlite'));
      db.prepare('DELETE FROM events WHERE position = 8').run();
      db.close();
      const response = await expectNothingAppended(s.api, () =>
        s.api.request('POST', `/api/v1/projects/${s.p2}/landing`, { body: { reachedOn: '2014-06-01' } }),
      );
      expectProblem(response, 500, 'integrity-violation');
      expect(response.body).toMatchObject({ streamId: `project-${s.p2}`, revision: 1 });
    });
  });

  describe('when the data of an event is edited', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('data-edit');
      await tamper(s, (events) => forgeBusinessRegistration(events, s.p1));
    });
    afterAll(() => done(s));

    it('names the stream and revision, and the position in the global chain', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        streams: {
          firstBreak: { streamId: `project-${s.p1}`, revision: 2, position: 4, reason: expect.stringMatching(/hash/) },
        },
        globalChain: { firstBreak: { position: 4, reason: expect.stringMatching(/content was edited/) } },
      });
      expect(body.firstBreak).toMatch(new RegExp(`stream project-${s.p1} breaks at revision 2 \\(position 4\\)`));
      expect((await s.api.request('GET', '/health', { key: null })).body.integrity).toBe('violated');
    });

    it('refuses commands on that stream', async () => {
      const response = await s.api.request('POST', `/api/v1/projects/${s.p1}/production`, {
        body: { reachedOn: '2014-06-01' },
      });
      expectProblem(response, 500, 'integrity-violation');
      expect(response.body).toMatchObject({ streamId: `project-${s.p1}`, revision: 2 });
    });
  });

  describe('when the recorded time of an event is edited (no stream chain covers it)', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('re-timed');
      await tamper(s, (events) =>
        events.prepare("UPDATE events SET recorded_at = '2014-12-30T04:00:00.000Z' WHERE position = 3").run(),
      );
    });
    afterAll(() => done(s));

    it('leaves every stream chain holding, and breaks the global chain at that position', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        streams: { broken: 0 },
        globalChain: {
          firstBreak: { seq: 3, position: 3, reason: expect.stringMatching(/recorded time was changed/) },
        },
        checkpoints: { firstBreak: { seq: 6 } },
      });
    });
  });

  describe('when an event after the last checkpoint is re-timed', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('re-timed-tail');
      await given(s.api, s.p2, 'business-registration', { registeredOn: '2014-06-01' });
      await tamper(s, (events) =>
        events.prepare("UPDATE events SET recorded_at = '2014-12-31T05:00:00.000Z' WHERE position = 10").run(),
      );
    });
    afterAll(() => done(s));

    it('is found at start (the bounded check since the last checkpoint), before anyone asks', async () => {
      const health = (await s.api.request('GET', '/health', { key: KEYS.auditor })).body.integrity;
      expect(health).toMatchObject({
        state: 'violated',
        lastVerification: { scope: 'range', globalChain: { firstBreak: { position: 10 } } },
      });
    });
  });

  describe('when two events of different streams swap places', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('reordered');
      // Project 1's landing (position 5) and project 2's registration (position 6): each stream keeps its order.
      await tamper(s, (events) => {
        events.prepare('UPDATE events SET position = -5 WHERE position = 5').run();
        events.prepare('UPDATE events SET position = 5 WHERE position = 6').run();
        events.prepare('UPDATE events SET position = 6 WHERE position = -5').run();
      });
    });
    afterAll(() => done(s));

    it('leaves every stream chain holding, and breaks the global chain where the order changed', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        streams: { broken: 0 },
        globalChain: { firstBreak: { seq: 5, position: 5 } },
      });
    });
  });

  describe('when an event is inserted into the log', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('inserted');
      await tamper(s, (events) => {
        // Room at position 7, then a whole stream's first event there, its own chain computed correctly.
        events.prepare('UPDATE events SET position = -position WHERE position >= 7').run();
        events.prepare('UPDATE events SET position = 1 - position WHERE position < 0').run();
        // A careful forger: the first investor's registration, recorded when the event it displaced was.
        const [template] = rows(events);
        const displaced = rows(events).find((row) => row.position === 8)!;
        const metadata = chainMetadata(
          {
            streamId: 'investor-forged',
            revision: 0,
            type: template.type,
            data: JSON.parse(template.data),
            metadata: { ...JSON.parse(template.metadata), hash: undefined, previousHash: undefined },
          },
          GENESIS_LINK,
        );
        events
          .prepare(
            'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (7, ?, ?, 0, ?, ?, ?, ?)',
          )
          .run(
            '00000000-0000-4000-8000-000000000007',
            'investor-forged',
            template.type,
            template.data,
            JSON.stringify(metadata),
            displaced.recorded_at,
          );
      });
    });
    afterAll(() => done(s));

    it('leaves every stream chain holding, and names the position where the log departs from the notary', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        streams: { broken: 0, checked: 4 },
        globalChain: {
          firstBreak: { seq: 7, position: 7, reason: expect.stringMatching(/replaced \(or inserted\)/) },
        },
      });
    });
  });

  describe('when an event is edited and every chain recomputed (per stream, and the notary’s links)', () => {
    let s: Scene;
    let exportedBefore: CheckpointExport;
    beforeAll(async () => {
      s = await scene('rechained');
      exportedBefore = s.exported;
      await tamper(s, (events, notary) => {
        forgeBusinessRegistration(events, s.p1);
        rechainStream(events, `project-${s.p1}`);
        relinkNotary(events, notary);
      });
    });
    afterAll(() => done(s));

    it('holds for every chain that has no key: streams and global chain', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({ streams: { broken: 0 } });
      expect(body.globalChain.firstBreak).toBeUndefined();
    });

    it('is found by the signed checkpoints: the first one after the edit no longer matches', async () => {
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        checkpoints: {
          holding: 0,
          firstBreak: { seq: 6, position: 6, source: 'notary', reason: expect.stringMatching(/no longer chains/) },
        },
      });
      expect(body.firstBreak).toMatch(/checkpoint of event 6 \(position 6/);
    });

    it('is still found when the forger signs the checkpoints again with a key of their own', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const own = join(keyHome, 'forger.pem');
      writeFileSync(own, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      await tamper(s, (_events, notary) => resignCheckpoints(notary, loadOrCreateSigningKey(own).key));
      const { body } = await verification(s);
      expect(body).toMatchObject({
        valid: false,
        checkpoints: { firstBreak: { seq: 6, reason: expect.stringMatching(/not by the trusted key/) } },
      });
    });

    it('goes unnoticed by the api once the forger also holds the api’s signing key, but not by a copy exported before', async () => {
      await tamper(s, (_events, notary) => resignCheckpoints(notary, loadOrCreateSigningKey(s.keyFile).key));
      expect((await verification(s)).body).toMatchObject({ valid: true, checkpoints: { holding: 2 } });
      const { body } = await verification(s, exportedBefore);
      expect(body).toMatchObject({
        valid: false,
        checkpoints: { firstBreak: { seq: 6, source: 'exported', reason: expect.stringMatching(/no longer chains/) } },
      });
    });
  });

  describe('when the tail of the log is cut and the newer checkpoints deleted with it', () => {
    let s: Scene;
    beforeAll(async () => {
      s = await scene('truncated');
      await tamper(s, (events, notary) => {
        events.prepare('DELETE FROM events WHERE position > 6').run();
        notary.prepare('DELETE FROM links WHERE seq > 6').run();
        notary.prepare('DELETE FROM checkpoints WHERE seq > 6').run();
      });
    });
    afterAll(() => done(s));

    it('holds against everything in the data directory: the api cannot tell', async () => {
      expect((await verification(s)).body).toMatchObject({ valid: true, events: 6, checkpoints: { holding: 1 } });
      expect((await s.api.request('GET', '/health', { key: null })).body.integrity).toBe('verified');
    });

    it('is found against the checkpoints exported before, posted to the api', async () => {
      const { body } = await verification(s, s.exported);
      expect(body).toMatchObject({
        valid: false,
        checkpoints: {
          firstBreak: {
            seq: 9,
            position: 9,
            source: 'exported',
            reason: expect.stringMatching(/has 6 events .* removed/),
          },
        },
      });
    });

    it('is found by the command-line verification given the exported file and the public key', async () => {
      await s.api.close();
      const exportFile = join(keyHome, 'truncated-checkpoints.json');
      writeFileSync(exportFile, JSON.stringify(s.exported));
      const env = { ITP_DATA_DIR: s.dataDir, ...s.env };
      const printed: string[] = [];
      const exitCode = await runVerifyLog(
        ['--checkpoints', exportFile, '--public-key', `${s.keyFile}.pub`],
        env,
        (text) => printed.push(text),
      );
      expect(exitCode).toBe(1);
      expect(JSON.parse(printed.join('\n'))).toMatchObject({
        valid: false,
        checkpoints: { firstBreak: { seq: 9, source: 'exported' } },
      });
      expect(await runVerifyLog([], env, () => undefined)).toBe(0);
      s.api = await openApi(s.dataDir, s.env);
    });
  });
});

describe('the notary on EventStoreDB (the wire stand-in), where positions exist only after the append', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ eventStore: 'eventstoredb', env: { ITP_SIGNING_KEY_FILE: join(keyHome, 'esdb.pem') } });
  });
  afterAll(() => api.close());

  it('links the log as it follows it, signs checkpoints and verifies whole', async () => {
    const investor = await givenInvestor(api);
    await givenProject(api, { investorId: investor });
    const signed = (await api.request('POST', '/api/v1/audit/checkpoints')).body.checkpoint;
    expect(signed).toMatchObject({ seq: 2, position: await api.store.headPosition() });
    const { body } = (await api.request('GET', '/api/v1/audit/verification', { key: KEYS.auditor })) as any;
    expect(body).toMatchObject({ valid: true, events: 2, globalChain: { notarised: 2 }, checkpoints: { holding: 1 } });
  });
});

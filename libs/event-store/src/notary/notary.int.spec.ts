import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../event-store.port';
import { chainMetadata, GENESIS_HASH } from '../hash-chain/hash-chain';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { checkpointSignatureProblem, signCheckpoint } from './checkpoint';
import { chainLink, GENESIS_LINK } from './global-chain';
import { Notary } from './notary';
import { loadOrCreateSigningKey, publicKeyFromPem } from './signing-key';
import { SqliteNotaryStore } from './sqlite-notary-store';
import { verifyLog, verifyRange } from './verify-log';

const metadata = { actor: 'a', role: 'admin', unit: 'u', commandId: 'c', correlationId: 'c', causationId: 'c' };

/** `count` chained events of one stream, from `revision` after `previousHash`. */
function chained(streamId: string, count: number, revision = 0, previousHash = GENESIS_HASH): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => {
    const fields = { streamId, revision: revision + index, type: 'Happened', data: { n: revision + index }, metadata };
    const withChain = chainMetadata(fields, previousHash);
    previousHash = withChain.hash as string;
    return { id: crypto.randomUUID(), type: fields.type, data: fields.data, metadata: withChain };
  });
}

describe('the notary', () => {
  let dir: string;
  let store: SqliteEventStore;
  let notaryStore: SqliteNotaryStore;
  const key = () => loadOrCreateSigningKey(join(dir, 'keys', 'signing-key.pem')).key;
  const notaryOf = (checkpointEveryEvents = 10, flushDelayMs?: number) =>
    new Notary({
      store,
      notary: notaryStore,
      key: key(),
      checkpointEveryEvents,
      checkpointIntervalMs: 60_000,
      flushDelayMs,
    });
  const appendStreams = async (streams: number, perStream: number) => {
    for (let s = 0; s < streams; s++)
      await store.appendToStream(`project-${s}`, chained(`project-${s}`, perStream), { expectedRevision: 'no_stream' });
  };
  const linked = async (notary: Notary, position: number) => {
    for (let i = 0; i < 200 && notary.integrity().head.position < position; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(notary.integrity().head.position).toBe(position);
  };
  /** Linked, and recorded in the notary's file: a following notary records its links on its own, soon after. */
  const recorded = async (notary: Notary, position: number) => {
    await linked(notary, position);
    for (let i = 0; i < 200 && ((await notaryStore.head())?.position ?? 0) < position; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await notaryStore.head())?.position).toBe(position);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-notary-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    notaryStore = new SqliteNotaryStore(join(dir, 'notary.sqlite'));
  });
  afterEach(async () => {
    await notaryStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links a log it has never seen in the background, giving the event loop turns meanwhile', async () => {
    await appendStreams(40, 100);
    const notary = notaryOf(100_000);
    await notary.start();
    // A timer fires while the 4,000 events are being linked: the api can finish starting and answer meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const whenTheTimerRan = notary.integrity().head.position;
    await linked(notary, 4000);
    await notary.stop();
    expect(whenTheTimerRan).toBeLessThan(4000);
  });

  it('once live, records the links of events that come one by one together, not a transaction each', async () => {
    // A flush delay longer than the test: every link waits in memory until stop(), which records them at once.
    const notary = notaryOf(100_000, 60_000);
    await notary.start();
    const transactions = jest.spyOn(notaryStore, 'append');
    for (let s = 0; s < 12; s++) {
      await store.appendToStream(`project-${s}`, chained(`project-${s}`, 1), { expectedRevision: 'no_stream' });
      await linked(notary, s + 1); // each linked before the next is appended: the notary was caught up each time
    }
    expect(transactions).not.toHaveBeenCalled();
    expect(await notaryStore.head()).toBeUndefined();
    await notary.stop();
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(transactions.mock.calls[0][0].map((link) => link.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('links that could not be recorded are kept, and recorded at the next try', async () => {
    const notary = notaryOf(100_000, 10);
    await notary.start();
    const append = notaryStore.append.bind(notaryStore);
    const transactions = jest
      .spyOn(notaryStore, 'append')
      .mockRejectedValueOnce(new Error('disk full'))
      .mockImplementation(append);
    await store.appendToStream('project-0', chained('project-0', 3), { expectedRevision: 'no_stream' });
    await linked(notary, 3);
    for (let i = 0; i < 300 && transactions.mock.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(transactions.mock.calls.length).toBeGreaterThanOrEqual(2); // the failed one, then the retry (about 1 s)
    expect((await notaryStore.linksFrom(1, 10)).map((link) => link.seq)).toEqual([1, 2, 3]);
    await notary.stop();
  });

  it('links every event as it follows the log, and signs a checkpoint every N events and on stop', async () => {
    await appendStreams(3, 5);
    const notary = notaryOf(10);
    await notary.start();
    await linked(notary, 15);
    await store.appendToStream('project-9', chained('project-9', 3), { expectedRevision: 'no_stream' });
    await linked(notary, 18);
    await notary.stop();
    const checkpoints = await notaryStore.checkpoints();
    expect(checkpoints.map((c) => c.seq)).toEqual([10, 18]);
    const links = await notaryStore.linksFrom(1, 100);
    expect(links.map((l) => l.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    // The same links as anyone recomputes them from the log.
    let previous = GENESIS_LINK;
    let seq = 0;
    for await (const event of store.readAll()) {
      const link = chainLink(previous, ++seq, event);
      expect(links[seq - 1]).toEqual(link);
      previous = link.link;
    }
  });

  it('verifies at start only what changed since the last checkpoint: bounded work on any log', async () => {
    await appendStreams(5, 5);
    const first = notaryOf(10);
    await first.start();
    await linked(first, 25);
    await first.stop(); // checkpoints at 10, 20, and 25 on stop
    const again = notaryOf(10);
    const atStart = await again.start();
    expect(atStart).toMatchObject({ valid: true, scope: 'range', events: 1, checkpoints: { holding: 1 } });
    await again.stop();
  });

  it('finds at start an edit after the last checkpoint', async () => {
    await appendStreams(2, 6);
    const first = notaryOf(10);
    await first.start();
    await linked(first, 12);
    await first.checkpointNow();
    await store.appendToStream('project-late', chained('project-late', 2), { expectedRevision: 'no_stream' });
    await linked(first, 14);
    await first.stop(); // ...which signs 14: cut it, as a forger who deleted the newer checkpoint would
    const db = new Database(join(dir, 'notary.sqlite'));
    db.prepare('DELETE FROM checkpoints WHERE seq = 14').run();
    db.close();
    const events = new Database(join(dir, 'events.sqlite'));
    events.prepare("UPDATE events SET recorded_at = '2000-01-01T00:00:00.000Z' WHERE position = 13").run();
    events.close();
    const again = notaryOf(10);
    const atStart = await again.start();
    expect(atStart).toMatchObject({ valid: false, globalChain: { firstBreak: { seq: 13, position: 13 } } });
    expect(again.integrity().state).toBe('violated');
    await again.stop();
  });

  it('verifies a range for a rebuild, from the link recorded before it', async () => {
    await appendStreams(4, 5);
    const notary = notaryOf(1_000);
    await notary.start();
    await recorded(notary, 20);
    expect(await verifyRange(store, notaryStore, 8, 14)).toMatchObject({
      valid: true,
      fromPosition: 8,
      throughPosition: 14,
      events: 6,
      globalChain: { notarised: 6, unnotarised: 0 },
    });
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE position = 11').run();
    db.close();
    expect(await verifyRange(store, notaryStore, 8, 14)).toMatchObject({
      valid: false,
      globalChain: { firstBreak: { seq: 11, position: 12 } },
    });
    expect((await verifyRange(store, notaryStore, 14)).valid).toBe(true);
    await notary.stop();
  });

  it('verifies the whole log, naming the first stream break by stream and revision', async () => {
    await appendStreams(3, 4);
    const notary = notaryOf(5);
    await notary.start();
    await linked(notary, 12);
    await notary.stop();
    const signing = key();
    const trusted = { publicKey: signing.publicKey, keyId: signing.keyId };
    expect(await verifyLog({ store, notary: notaryStore, trusted })).toMatchObject({ valid: true, events: 12 });
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = '{"n":99}' WHERE stream_id = 'project-1' AND revision = 2`).run();
    db.close();
    const broken = await verifyLog({ store, notary: notaryStore, trusted });
    expect(broken.streams.firstBreak).toMatchObject({ streamId: 'project-1', revision: 2, position: 7 });
    expect(broken.firstBreak).toMatch(/^stream project-1 breaks at revision 2 \(position 7\)/);
  });

  it('names a posted checkpoint no trusted key signed, without taking it as evidence against the log', async () => {
    await appendStreams(2, 5);
    const notary = notaryOf(5);
    await notary.start();
    await linked(notary, 10);
    const [own] = await notary.checkpoints();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = { seq: own.seq, position: own.position, link: own.link, recordedAt: own.recordedAt };
    const forger = { privateKey, publicKey, publicKeyPem: '', keyId: 'not-ours' };
    const foreign = signCheckpoint(head, forger, new Date(own.signedAt));

    const answer = await notary.verifyWhole([own, foreign]);

    expect(answer).toMatchObject({
      valid: false,
      checkpoints: { firstBreak: { seq: own.seq, source: 'exported', reason: expect.stringMatching(/not-ours/) } },
    });
    expect(answer.firstBreak).toMatch(/exported checkpoint .* does not hold: signed by key not-ours/);
    expect(notary.integrity().state).toBe('verified');
    // A checkpoint the platform's key did sign still counts, and one the log no longer matches still turns it.
    expect((await notary.verifyWhole([own])).valid).toBe(true);
    await notary.stop();
  });
});

describe('signed checkpoints', () => {
  const head = { seq: 3, position: 7, link: 'ab'.repeat(32), recordedAt: '2014-01-01T00:00:00.000Z' };
  const dir = mkdtempSync(join(tmpdir(), 'itp-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key once, 0600, with its public half beside it, and reuses it', () => {
    const file = join(dir, 'k', 'signing-key.pem');
    const first = loadOrCreateSigningKey(file);
    const second = loadOrCreateSigningKey(file);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.key.keyId).toBe(first.key.keyId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(publicKeyFromPem(first.key.publicKeyPem).keyId).toBe(first.key.keyId);
  });

  it('holds for its key only, and not once any field changed', () => {
    const { key } = loadOrCreateSigningKey(join(dir, 'a.pem'));
    const signed = signCheckpoint(head, key, new Date('2014-01-02T00:00:00Z'));
    expect(checkpointSignatureProblem(signed, key.publicKey, key.keyId)).toBeUndefined();
    expect(checkpointSignatureProblem({ ...signed, position: 8 }, key.publicKey, key.keyId)).toMatch(/does not match/);
    const other = join(dir, 'b.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { key: otherKey } = loadOrCreateSigningKey(other);
    expect(checkpointSignatureProblem(signed, otherKey.publicKey, otherKey.keyId)).toMatch(/not by the trusted key/);
    const forged = { ...signCheckpoint(head, otherKey, new Date()), keyId: key.keyId };
    expect(checkpointSignatureProblem(forged, key.publicKey, key.keyId)).toMatch(/does not match/);
  });

  it('warns about a key file that others may read', () => {
    const file = join(dir, 'c.pem');
    loadOrCreateSigningKey(file);
    chmodSync(file, 0o644);
    expect(loadOrCreateSigningKey(file).warnings[0]).toMatch(/readable by group or others/);
  });
});

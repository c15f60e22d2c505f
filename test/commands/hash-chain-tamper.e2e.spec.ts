import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hashEvent, verifyChain } from '@itp/event-store';
import { startApi, type ApiHarness } from '../support/api-harness';
import { given, givenSignedProject, projectStream } from '../support/command-fixtures';

/**
 * Someone with write access to the SQLite file edits history behind the api's back. The per-stream hash
 * chain written by the command API must name the first event that no longer holds; streams left alone verify.
 */
describe('a history edited directly in the SQLite file', () => {
  let api: ApiHarness;
  let db: Database.Database;
  let tampered: string;
  let untouched: string;

  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    tampered = await givenSignedProject(api, { totalInvestment: { amount: '199999999.99', currency: 'CNY' } });
    await given(api, tampered, 'business-registration', { registeredOn: '2014-03-20' });
    await given(api, tampered, 'landing', { reachedOn: '2014-04-01' });
    await given(api, tampered, 'construction', { reachedOn: '2014-05-01' });
    untouched = await givenSignedProject(api);
    await given(api, untouched, 'landing', { reachedOn: '2014-04-01' });
    db = new Database(join(api.dataDir, 'events.sqlite'));
  });
  afterAll(async () => {
    db.close();
    await api.close();
  });

  const row = (projectId: string, revision: number) =>
    db
      .prepare<[string, number], { data: string; metadata: string }>(
        'SELECT data, metadata FROM events WHERE stream_id = ? AND revision = ?',
      )
      .get(`project-${projectId}`, revision)!;
  /** Overwrites one column of one stored event; a string is stored as is, anything else as its JSON. */
  const rewrite = (projectId: string, revision: number, column: 'data' | 'metadata', value: unknown) =>
    db
      .prepare(`UPDATE events SET ${column} = ? WHERE stream_id = ? AND revision = ?`)
      .run(typeof value === 'string' ? value : JSON.stringify(value), `project-${projectId}`, revision);

  it('verifies before anyone touches it', async () => {
    expect(verifyChain(await projectStream(api, tampered))).toMatchObject({ valid: true, events: 5 });
  });

  describe('when the business registration is edited to count toward the target', () => {
    let original: { data: string; metadata: string };
    beforeAll(() => {
      original = row(tampered, 2);
      const data = JSON.parse(original.data);
      expect(data.countsTowardTarget).toBe(false);
      expect(rewrite(tampered, 2, 'data', { ...data, countsTowardTarget: true }).changes).toBe(1);
    });
    afterAll(() => rewrite(tampered, 2, 'data', original.data));

    it('is found at that revision, on a fresh read of the stream', async () => {
      const events = await projectStream(api, tampered);
      expect(events[2].data.countsTowardTarget).toBe(true);
      expect(verifyChain(events)).toEqual({
        valid: false,
        events: 5,
        brokenAt: { revision: 2, eventId: events[2].id, reason: 'hash does not match the event content' },
      });
    });

    it("is still found at that revision when the forger recomputes that event's hash: the next event no longer chains to it", async () => {
      const events = await projectStream(api, tampered);
      const stored = row(tampered, 2).metadata;
      const metadata = JSON.parse(stored);
      rewrite(tampered, 2, 'metadata', { ...metadata, hash: hashEvent(events[2], metadata.previousHash) });
      try {
        expect(verifyChain(await projectStream(api, tampered))).toMatchObject({
          valid: false,
          brokenAt: { revision: 3, reason: 'previousHash does not match the hash of the event before it' },
        });
      } finally {
        rewrite(tampered, 2, 'metadata', stored);
      }
    });

    it('leaves the other stream verifying', async () => {
      expect(verifyChain(await projectStream(api, untouched))).toMatchObject({ valid: true, events: 3 });
    });
  });

  describe('when the audit metadata of an event is edited (another actor)', () => {
    it('is found at that revision', async () => {
      const original = row(tampered, 1).metadata;
      rewrite(tampered, 1, 'metadata', { ...JSON.parse(original), actor: 'someone-else' });
      try {
        expect(verifyChain(await projectStream(api, tampered))).toMatchObject({
          valid: false,
          brokenAt: { revision: 1, reason: 'hash does not match the event content' },
        });
      } finally {
        rewrite(tampered, 1, 'metadata', original);
      }
    });
  });

  describe('when an event is deleted', () => {
    it('is found where the revisions stop being contiguous', async () => {
      const saved = db
        .prepare('SELECT * FROM events WHERE stream_id = ? AND revision = 3')
        .get(`project-${tampered}`) as Record<string, unknown>;
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(`project-${tampered}`);
      try {
        expect(verifyChain(await projectStream(api, tampered))).toMatchObject({
          valid: false,
          events: 4,
          brokenAt: { revision: 4, reason: 'expected revision 3, found 4' },
        });
      } finally {
        const columns = Object.keys(saved);
        db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
          ...columns.map((c) => saved[c]),
        );
      }
    });
  });

  it('verifies again once every edit is undone', async () => {
    expect(verifyChain(await projectStream(api, tampered))).toMatchObject({ valid: true, events: 5 });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../event-store.port';
import { chainMetadata, GENESIS_HASH } from '../hash-chain/hash-chain';
import { chainedLog } from '../testing/chained-log';
import { chainLink, GENESIS_LINK } from './global-chain';
import { SqliteNotaryStore } from './sqlite-notary-store';
import { RebuildIntegrityError, RebuildVerifier } from './verify-log';

/** 60 events over 7 streams, chained as the command side chains them; positions with gaps of 2. */
const log = (): RecordedEvent[] =>
  chainedLog({
    count: 60,
    streams: 7,
    data: (index) => ({ name: `Plant ${index}`, amount: `${index}00.00` }),
    position: (index) => 2 * index + 1,
  });

const batches = (events: readonly RecordedEvent[], size: number): RecordedEvent[][] =>
  Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));

/** Feeds `events` in batches of `size`; answers the error it threw, if any. */
async function verify(events: RecordedEvent[], size: number, notary?: SqliteNotaryStore) {
  const verifier = new RebuildVerifier(notary);
  try {
    for (const batch of batches(events, size)) await verifier.checkBatch(batch);
    return { verifier, error: undefined };
  } catch (error) {
    return { verifier, error: error as RebuildIntegrityError };
  }
}

describe('RebuildVerifier: the log verified batch by batch as a rebuild reads it', () => {
  let dir: string;
  let notary: SqliteNotaryStore;
  const original = log();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'itp-rebuild-verifier-'));
    notary = new SqliteNotaryStore(join(dir, 'notary.sqlite'));
    let previous = GENESIS_LINK;
    // The notary has linked the first 50 events only: it follows the log and may lag.
    const links = original.slice(0, 50).map((event, index) => {
      const link = chainLink(previous, index + 1, event);
      previous = link.link;
      return link;
    });
    await notary.append(links);
  });
  afterAll(async () => {
    await notary.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 7, 10, 50, 1000])(
    'holds on an untouched log in batches of %i, the unlinked tail not failed',
    async (size) => {
      const { verifier, error } = await verify(log(), size, notary);
      expect(error).toBeUndefined();
      expect(verifier.verified).toMatchObject({
        valid: true,
        events: 60,
        streams: { checked: 7, broken: 0 },
        globalChain: { notarised: 50, unnotarised: 10 },
      });
    },
  );

  it.each([1, 10, 1000])('holds without the notary too (each stream chain only), in batches of %i', async (size) => {
    const { verifier, error } = await verify(log(), size);
    expect(error).toBeUndefined();
    expect(verifier.verified).toMatchObject({ valid: true, events: 60, streams: { checked: 7, broken: 0 } });
  });

  it('names a stream whose event was removed, or whose events were swapped, without the notary', async () => {
    const removed = log().filter((event) => event.id !== 'event-9');
    expect((await verify(removed, 10)).error?.message).toMatch(
      /stream project-2 breaks at revision 1 \(position 33\): expected revision 1, found 2/,
    );
    const swapped = log();
    [swapped[8].data, swapped[15].data] = [swapped[15].data, swapped[8].data];
    expect((await verify(swapped, 10)).error?.found).toMatchObject({
      streamId: 'project-1',
      revision: 1,
      position: 17,
    });
  });

  it('names the stream and revision of an edited event, and throws on the batch that holds it', async () => {
    const events = log();
    events[23] = { ...events[23], data: { ...(events[23].data as object), name: 'Forged' } };
    const seen: number[] = [];
    const verifier = new RebuildVerifier(notary);
    let error: RebuildIntegrityError | undefined;
    for (const batch of batches(events, 10)) {
      try {
        await verifier.checkBatch(batch);
        seen.push(batch[batch.length - 1].position);
      } catch (thrown) {
        error = thrown as RebuildIntegrityError;
        break;
      }
    }
    // The batches before it passed; the one with event 23 (positions 41-59) did not.
    expect(seen).toEqual([19, 39]);
    expect(error).toBeInstanceOf(RebuildIntegrityError);
    expect(error!.found).toMatchObject({
      streamId: 'project-2',
      revision: 3,
      position: 47,
      eventId: 'event-23',
      eventType: 'Noted',
    });
    expect(error!.message).toMatch(/stream project-2 breaks at revision 3 \(position 47\)/);
  });

  it('without the notary, still finds an edit by the stream chain; with it, one whose stream was rechained', async () => {
    const edited = log();
    edited[5] = { ...edited[5], data: { name: 'Forged' } };
    expect((await verify(edited, 10)).error?.found).toMatchObject({ streamId: 'project-5', revision: 0 });
    // Rechained: the stream holds, the global chain does not.
    const rechained = log();
    const stream = rechained.filter((event) => event.streamId === 'project-5');
    let previousHash = GENESIS_HASH;
    for (const event of stream) {
      const data = event.id === 'event-5' ? { name: 'Forged' } : event.data;
      const { hash: _hash, previousHash: _previous, ...metadata } = event.metadata;
      const chained = chainMetadata({ ...event, data, metadata }, previousHash);
      previousHash = chained.hash as string;
      Object.assign(event, { data, metadata: chained });
    }
    expect((await verify(rechained, 10)).error).toBeUndefined();
    const { error } = await verify(rechained, 10, notary);
    expect(error?.found).toMatchObject({ position: 11, eventId: 'event-5' });
    expect(error?.message).toMatch(/global chain breaks at position 11/);
  });

  it('finds an event deleted from the middle, and one deleted at the end of a batch', async () => {
    const deleted = log().filter((event) => event.id !== 'event-30');
    const missing = (await verify(deleted, 10, notary)).error;
    // Seen at the next event (position 63), naming the one the notary recorded at 61.
    expect(missing?.found.position).toBe(63);
    expect(missing?.message).toMatch(/recorded at position 61 .* is missing/);
    // Event 29 (position 59) closed a batch of 10: found at the first event of the next batch.
    const atBoundary = await verify(
      log().filter((event) => event.id !== 'event-29'),
      10,
      notary,
    );
    expect(atBoundary.error?.found.position).toBe(61);
    expect(atBoundary.error?.message).toMatch(/recorded at position 59 .* is missing/);
  });

  it('reads a log whose end was cut as it is: a rebuild reads up to the head it sees (the whole verification finds the cut)', async () => {
    expect((await verify(log().slice(0, 45), 10, notary)).error).toBeUndefined();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@itp/event-store';
import { chainedLog } from '@itp/event-store/testing/chained-log';
import {
  chainLink,
  GENESIS_LINK,
  RebuildIntegrityError,
  SqliteNotaryStore,
  type NotaryStore,
} from '@itp/event-store/notary';
import { arrayEventLog } from '../testing/array-event-log';
import { FirstFoldVerification } from './first-fold-verification';
import type { LogBatch } from './log-batches';

/** 40 events over 5 streams, chained as the command side chains them. */
const log = (): RecordedEvent[] =>
  chainedLog({ count: 40, streams: 5, data: (index) => ({ amount: `${index}00.00` }), position: (index) => index + 1 });

const batchOf = (events: RecordedEvent[]): LogBatch => ({ events, position: events.at(-1)!.position, live: false });

/** The notary's store, whose reads of links fail while `failing` is set (a busy file, a lost connection). */
const flaky = (store: NotaryStore) => {
  const state = { failing: false };
  const wrapped: NotaryStore = Object.create(store) as NotaryStore;
  wrapped.linksFrom = async (fromSeq, limit) => {
    if (state.failing) throw new Error('SQLITE_BUSY: database is locked');
    // Small pages ("up to limit" links): the verifier reads the store again in the middle of every batch.
    return store.linksFrom(fromSeq, Math.min(limit, 4));
  };
  return { notary: wrapped, state };
};

describe('FirstFoldVerification after a failed read of the notary', () => {
  let dir: string;
  let store: SqliteNotaryStore;
  const events = log();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'itp-first-fold-'));
    store = new SqliteNotaryStore(join(dir, 'notary.sqlite'));
    let previous = GENESIS_LINK;
    await store.append(
      events.map((event, index) => {
        const link = chainLink(previous, index + 1, event);
        previous = link.link;
        return link;
      }),
    );
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the same batch again after the failure, as the runner feeds it, and holds on an intact log', async () => {
    const { notary, state } = flaky(store);
    const verification = new FirstFoldVerification(notary, arrayEventLog(events));
    await verification.check(batchOf(events.slice(0, 10)));
    state.failing = true;
    await expect(verification.check(batchOf(events.slice(10, 20)))).rejects.toThrow(/SQLITE_BUSY/);
    state.failing = false;
    // The runner's reader starts again from the committed checkpoints: the same batch comes again.
    await expect(verification.check(batchOf(events.slice(10, 20)))).resolves.toBeUndefined();
    await expect(verification.check(batchOf(events.slice(20, 40)))).resolves.toBeUndefined();
  });

  it('still halts on a break after such a failure', async () => {
    const forged = log();
    forged[25] = { ...forged[25], data: { amount: '999999.00' } };
    const { notary, state } = flaky(store);
    const verification = new FirstFoldVerification(notary, arrayEventLog(forged));
    await verification.check(batchOf(forged.slice(0, 10)));
    state.failing = true;
    await expect(verification.check(batchOf(forged.slice(10, 20)))).rejects.toThrow(/SQLITE_BUSY/);
    state.failing = false;
    await verification.check(batchOf(forged.slice(10, 20)));
    const error = await verification.check(batchOf(forged.slice(20, 30))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebuildIntegrityError);
    expect((error as RebuildIntegrityError).found).toMatchObject({ streamId: 'project-0', position: 26 });
  });
});

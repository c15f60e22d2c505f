import { chainMetadata, GENESIS_HASH, verifyChain } from './hash-chain';
import type { RecordedEvent } from '../event-store.port';

const metadata = { actor: 'a', role: 'integration', unit: 'u', commandId: 'c', correlationId: 'c', causationId: 'c' };

function chainOf(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const fields = {
      streamId: 'project-1',
      revision,
      type: 'ProjectSomethingHappened',
      data: { n: revision, amount: '1.00' },
      metadata,
    };
    const chained = chainMetadata(fields, previousHash);
    previousHash = chained.hash as string;
    events.push({
      ...fields,
      metadata: chained,
      id: `e${revision}`,
      position: revision + 1,
      recordedAt: '2014-01-01T00:00:00.000Z',
    });
  }
  return events;
}

describe('the audit hash chain', () => {
  it('verifies an untouched stream', () => {
    const verification = verifyChain(chainOf(3));
    expect(verification).toMatchObject({ valid: true, events: 3 });
  });

  it('finds an edited data field at the event that was edited', () => {
    const events = chainOf(3);
    events[1] = { ...events[1], data: { ...events[1].data, amount: '2.00' } };
    expect(verifyChain(events)).toMatchObject({
      valid: false,
      brokenAt: { revision: 1, reason: 'hash does not match the event content' },
    });
  });

  it('finds an edited actor in the metadata', () => {
    const events = chainOf(2);
    events[0] = { ...events[0], metadata: { ...events[0].metadata, actor: 'someone-else' } };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: { revision: 0 } });
  });

  it('finds a removed event', () => {
    const events = chainOf(3);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: { revision: 2 } });
  });

  it('does not depend on the order of keys in the stored JSON', () => {
    const events = chainOf(1);
    const reordered = JSON.parse(JSON.stringify({ ...events[0], data: { amount: '1.00', n: 0 } }));
    expect(verifyChain([reordered])).toMatchObject({ valid: true });
  });
});

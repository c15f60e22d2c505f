import { chainMetadata, GENESIS_HASH, type RecordedEvent } from '@itp/event-store';
import { StreamIntegrityError } from './command-errors';
import { foldOnto, StreamStateCache } from './stream-state-cache';

const WHO = { actor: 'spec', role: 'integration', unit: 'spec-unit', correlationId: 'c', causationId: 'c' };

/** A chained stream of `count` counter events, as the executor writes them. */
const chained = (count: number, commandOf = (revision: number) => `cmd-${revision}`): RecordedEvent[] => {
  let previous = GENESIS_HASH;
  return Array.from({ length: count }, (_, revision) => {
    const data = { n: revision };
    const metadata = chainMetadata(
      {
        streamId: 's',
        revision,
        type: 'Counted',
        data,
        metadata: { ...WHO, commandId: commandOf(revision), requestHash: `h-${commandOf(revision)}` },
      },
      previous,
    );
    previous = metadata.hash as string;
    return {
      id: `e${revision}`,
      streamId: 's',
      revision,
      position: 10 * (revision + 1),
      type: 'Counted',
      data,
      metadata,
      recordedAt: '2014-01-01T00:00:00.000Z',
    };
  });
};
const sum = (state: number, event: RecordedEvent) => state + (event.data.n as number);

describe('folding a stream onto its cached state', () => {
  it('gives the same state folded at once or in two reads', () => {
    const events = chained(5);
    const once = foldOnto('s', undefined, () => 0, events, sum)!;
    const twice = foldOnto(
      's',
      foldOnto('s', undefined, () => 0, events.slice(0, 2), sum),
      () => 0,
      events.slice(2),
      sum,
    )!;
    expect(twice).toEqual(once);
    expect(once).toMatchObject({ revision: 4, position: 50, state: 10, lastHash: events[4].metadata.hash });
  });

  it('remembers each command with its first request hash and its last event', () => {
    const events = chained(3, (revision) => (revision < 2 ? 'register' : 'sign'));
    expect(foldOnto('s', undefined, () => 0, events, sum)!.commands).toEqual(
      new Map([
        ['register', { requestHash: 'h-register', revision: 1, position: 20 }],
        ['sign', { requestHash: 'h-sign', revision: 2, position: 30 }],
      ]),
    );
  });

  it('keeps what was cached when nothing is new', () => {
    const folded = foldOnto('s', undefined, () => 0, chained(2), sum);
    expect(foldOnto('s', folded, () => 0, [], sum)).toBe(folded);
  });

  describe('when the stored history does not hold together', () => {
    it('names the revision after a deleted event', () => {
      const events = chained(4);
      expect(() => foldOnto('s', undefined, () => 0, [events[0], events[2], events[3]], sum)).toThrow(
        expect.objectContaining({ name: 'StreamIntegrityError', revision: 1 }),
      );
    });

    it('names an edited event', () => {
      const events = chained(3);
      events[1] = { ...events[1], data: { n: 100 } };
      expect(() => foldOnto('s', undefined, () => 0, events, sum)).toThrow(StreamIntegrityError);
      expect(() => foldOnto('s', undefined, () => 0, events, sum)).toThrow(/revision 1: hash does not match/);
    });

    it('checks the link from the cached head to the events read after it', () => {
      const cached = foldOnto('s', undefined, () => 0, chained(2), sum);
      const [, , third] = chained(3, (revision) => `other-${revision}`);
      expect(() => foldOnto('s', cached, () => 0, [third], sum)).toThrow(/revision 2: previousHash/);
    });
  });
});

describe('the stream state cache', () => {
  it('forgets a stream on demand', () => {
    const cache = new StreamStateCache();
    cache.set(
      's',
      foldOnto('s', undefined, () => 0, chained(1), sum)!,
    );
    cache.forget('s');
    expect(cache.get('s')).toBeUndefined();
  });
});

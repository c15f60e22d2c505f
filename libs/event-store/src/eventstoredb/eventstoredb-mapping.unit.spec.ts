import { ANY, NO_STREAM, START, STREAM_EXISTS, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { validate, version } from 'uuid';
import { deterministicEventId } from './deterministic-event-id';
import {
  createdToRecordedAt,
  isSystemEvent,
  parseInstant,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toPortActualRevision,
  toPortPosition,
  toRecordedEvent,
  toSafeNumber,
} from './eventstoredb-mapping';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

describe('EventStoreDB mapping', () => {
  describe('bigint → number', () => {
    it('converts JSON-safe values exactly', () => {
      expect(toSafeNumber(0n, 'revision')).toBe(0);
      expect(toSafeNumber(MAX, 'revision')).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('refuses values JSON cannot carry exactly, naming what overflowed', () => {
      expect(() => toSafeNumber(MAX + 1n, 'revision')).toThrow(
        /revision 9007199254740992 is outside the JSON-safe integer range/,
      );
      expect(() => toSafeNumber(-1n, 'revision')).toThrow(RangeError);
    });
  });

  describe('positions', () => {
    it('uses the commit position, which equals the prepare position for every event since EventStoreDB 20', () => {
      expect(toPortPosition({ commit: 4242n, prepare: 4242n }, 'e')).toBe(4242);
    });

    it('refuses legacy explicit-transaction events, whose commit position is shared', () => {
      expect(() => toPortPosition({ commit: 500n, prepare: 300n }, 'e')).toThrow(/legacy explicit transaction/);
    });

    it('refuses a missing or unknown position (stream reads before 22.6) and an overflowing one', () => {
      expect(() => toPortPosition(undefined, 'e')).toThrow(/no log position/);
      expect(() => toPortPosition({ commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }, 'e')).toThrow(
        /no log position/,
      );
      expect(() => toPortPosition({ commit: MAX + 1n, prepare: MAX + 1n }, 'e')).toThrow(/JSON-safe/);
    });

    it('maps an exclusive port position back to the event record {commit, prepare} (0 is the start)', () => {
      expect(toEsdbReadPosition(0)).toBe(START);
      expect(toEsdbReadPosition(4242)).toEqual({ commit: 4242n, prepare: 4242n });
      expect(() => toEsdbReadPosition(-1)).toThrow(RangeError);
      expect(() => toEsdbReadPosition(1.5)).toThrow(RangeError);
    });
  });

  describe('expected and actual revisions', () => {
    it('maps each expected revision of the port to the client constant or a bigint', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(17)).toBe(17n);
      expect(toEsdbExpectedRevision(-1)).toBe(NO_STREAM); // what an empty append to a missing stream answers
    });

    it('refuses revisions that are not non-negative integers', () => {
      expect(() => toEsdbExpectedRevision(-2)).toThrow(RangeError);
      expect(() => toEsdbExpectedRevision(2.5)).toThrow(RangeError);
    });

    it('maps the actual revision of a conflict to a number or no_stream', () => {
      expect(toPortActualRevision(NO_STREAM)).toBe('no_stream');
      expect(toPortActualRevision(3n)).toBe(3);
    });
  });

  describe('system events', () => {
    it('recognises $-typed events and anything in a $-stream', () => {
      expect(isSystemEvent({ type: '$metadata', streamId: '$$project-1' })).toBe(true);
      expect(isSystemEvent({ type: '$>', streamId: '$ce-project' })).toBe(true);
      expect(isSystemEvent({ type: 'ProjectRegistered', streamId: '$projections-x' })).toBe(true);
      expect(isSystemEvent({ type: 'Price$Changed', streamId: 'project-1' })).toBe(false);
    });
  });

  describe('recordedAt', () => {
    it('renders the client Date as UTC ISO-8601 with milliseconds', () => {
      expect(createdToRecordedAt(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05.678Z');
    });

    it('truncates raw 100 ns ticks since the Unix epoch to the millisecond', () => {
      const ticks = BigInt(Date.UTC(2024, 0, 2, 3, 4, 5, 678)) * 10_000n + 9_999n;
      expect(createdToRecordedAt(ticks)).toBe('2024-01-02T03:04:05.678Z');
      expect(createdToRecordedAt(ticks.toString())).toBe('2024-01-02T03:04:05.678Z');
    });

    it('refuses an invalid timestamp or bound rather than comparing NaN', () => {
      expect(() => createdToRecordedAt(new Date(Number.NaN))).toThrow(RangeError);
      expect(() => parseInstant('yesterday', 'toRecordedAt')).toThrow(/toRecordedAt is not an ISO-8601 instant/);
    });
  });

  describe('recorded events', () => {
    const raw = {
      id: '7b1d0a5e-2a4c-4c1c-9d2a-0e5f3b8d9c11',
      streamId: 'project-1',
      revision: 2n,
      position: { commit: 9000n, prepare: 9000n },
      type: 'ProjectRegistered',
      data: { name: 'Plant' },
      metadata: { actor: 'a', role: 'r', unit: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', hash: 'h' },
      isJson: true,
      created: new Date('2024-05-01T08:00:01.250Z'),
    } as unknown as EsdbRecordedEvent;

    it('maps every field to the port shape, keeping extra metadata keys', () => {
      expect(toRecordedEvent(raw)).toEqual({
        id: raw.id,
        streamId: 'project-1',
        revision: 2,
        position: 9000,
        type: 'ProjectRegistered',
        data: { name: 'Plant' },
        metadata: expect.objectContaining({ actor: 'a', hash: 'h' }),
        recordedAt: '2024-05-01T08:00:01.250Z',
      });
    });

    it('decodes JSON bytes and refuses data that is not a JSON object', () => {
      const bytes = {
        ...raw,
        data: new TextEncoder().encode('{"n":1}'),
        metadata: undefined,
      } as unknown as EsdbRecordedEvent;
      expect(toRecordedEvent(bytes)).toMatchObject({ data: { n: 1 }, metadata: {} });
      expect(() =>
        toRecordedEvent({ ...raw, data: new TextEncoder().encode('not json') } as unknown as EsdbRecordedEvent),
      ).toThrow(/data is not JSON/);
      expect(() => toRecordedEvent({ ...raw, data: [1, 2] } as unknown as EsdbRecordedEvent)).toThrow(
        /not a JSON object/,
      );
    });
  });

  describe('deterministicEventId', () => {
    it('is a stable UUID v5 for the same command and index', () => {
      const id = deterministicEventId('cmd-1', 0);
      expect(validate(id) && version(id)).toBe(5);
      expect(deterministicEventId('cmd-1', 0)).toBe(id);
    });

    it('differs across indexes and commands, without separator ambiguity', () => {
      const ids = [
        deterministicEventId('cmd-1', 0),
        deterministicEventId('cmd-1', 1),
        deterministicEventId('cmd-2', 0),
        deterministicEventId('cmd-1#1', 0),
        deterministicEventId('cmd-1', 10),
      ];
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('refuses an empty command id or a bad index', () => {
      expect(() => deterministicEventId('', 0)).toThrow(RangeError);
      expect(() => deterministicEventId('cmd', -1)).toThrow(RangeError);
      expect(() => deterministicEventId('cmd', 0.5)).toThrow(RangeError);
    });
  });
});

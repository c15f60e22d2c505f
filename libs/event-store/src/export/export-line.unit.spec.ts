import type { RecordedEvent } from '../event-store.port';
import { SPEC_METADATA } from '../testing/chained-log';
import { ExportFileError, parseExportLine, toExportLine } from './export-line';

const event: RecordedEvent = {
  id: '6f1c2a4e-0b1d-5c3e-9f00-1a2b3c4d5e6f',
  streamId: 'project-1',
  revision: 0,
  position: 7,
  type: 'ProjectRegistered',
  data: { name: '湘南项目', amount: { amount: '1.00', currency: 'CNY' } },
  metadata: {
    ...SPEC_METADATA,
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  },
  recordedAt: '2014-07-05T01:30:00.000Z',
};

describe('a line of an event export', () => {
  it('is one line of JSON with the fields in a fixed order, and reads back to the same event', () => {
    const line = toExportLine(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(Object.keys(JSON.parse(line))).toEqual([
      'position',
      'streamId',
      'revision',
      'id',
      'type',
      'recordedAt',
      'data',
      'metadata',
    ]);
    expect(parseExportLine(line.trimEnd(), 1)).toEqual(event);
  });

  it.each([
    ['not JSON', '{"position":', /line 4: not JSON/],
    ['an array', '[]', /not a JSON object/],
    ['an unknown field', JSON.stringify({ ...JSON.parse(toExportLine(event)), extra: 1 }), /unknown field\(s\) extra/],
    ['position 0', JSON.stringify({ ...JSON.parse(toExportLine(event)), position: 0 }), /position must be/],
    [
      'a local time',
      JSON.stringify({ ...JSON.parse(toExportLine(event)), recordedAt: '2014-07-05 09:30' }),
      /recordedAt/,
    ],
    [
      'an instant in another form',
      JSON.stringify({ ...JSON.parse(toExportLine(event)), recordedAt: '2014-07-05T09:30:00+08:00' }),
      /recordedAt/,
    ],
    ['an id that is not a UUID', JSON.stringify({ ...JSON.parse(toExportLine(event)), id: 'e1' }), /id must be a UUID/],
    ['data that is not an object', JSON.stringify({ ...JSON.parse(toExportLine(event)), data: 'x' }), /data must be/],
  ])('is refused when it is %s, naming the line', (_case, text, message) => {
    expect(() => parseExportLine(text, 4)).toThrow(ExportFileError);
    expect(() => parseExportLine(text, 4)).toThrow(message);
  });
});

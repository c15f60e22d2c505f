import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FLAT_RATE_EVENTS,
  businessRegistered,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import { arrayEventLog } from '@itp/projections/testing/array-event-log';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { DomainValidationError } from '@itp/domain';
import { loadConfig } from '@itp/platform';
import { AsOfReadModels } from '../shared/queries/as-of-read-models';
import { ReportDiffs } from './report-diffs';

/** 2014 as recorded: a rate, p-1 counted in March, p-2 counted in May, and in August a correction of p-1's industry. */
const log = eventLog();
log.record('exchange-rates', FLAT_RATE_EVENTS, '2014-01-02T01:00:00.000Z');
const p1 = projectRegistered({ projectId: 'p-1' });
const p2 = projectRegistered({ projectId: 'p-2', name: 'Second', industry: 'new_materials' });
log.record('project-p-1', [p1], '2014-02-01T01:00:00.000Z');
log.record('project-p-1', [businessRegistered(p1, '2014-03-01')], '2014-03-01T01:00:00.000Z');
log.record('project-p-2', [p2], '2014-04-10T01:00:00.000Z');
log.record('project-p-2', [businessRegistered(p2, '2014-05-01')], '2014-05-01T01:00:00.000Z');
const correction = projectEvents('p-1').amended({ industry: 'electronic_information' }, { industry: 'new_materials' });
log.record('project-p-1', [correction], '2014-08-01T01:00:00.000Z');

describe('ReportDiffs', () => {
  let dir: string;
  let diffs: ReportDiffs;
  let asOf: AsOfReadModels;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-diffs-'));
    const store = arrayEventLog(log.events);
    const config = loadConfig({ ITP_DATA_DIR: dir });
    const clock = () => new Date('2015-01-01T00:00:00Z');
    asOf = new AsOfReadModels(store, config, clock);
    diffs = new ReportDiffs(asOf, 10, config);
  });
  afterAll(() => {
    asOf.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names, for each changed figure, only the events recorded in between that changed it', async () => {
    const diff = await diffs.diff('targets', { year: '2014' }, '2014-04-01T00:00:00Z', '2014-06-30T00:00:00Z');
    expect(diff.from.position).toBe(3);
    expect(diff.to.position).toBe(5);
    expect(diff.eventsBetween).toBe(2);
    const counted = diff.changes.find((c) => c.path === '/transferProjects/counted')!;
    expect(counted).toMatchObject({ old: 1, new: 2 });
    // p-2's registration as a lead (position 4) changed nothing in the targets: only its business registration.
    expect(counted.events.map((e) => [e.position, e.type, e.streamId])).toEqual([
      [5, 'ProjectBusinessRegistered', 'project-p-2'],
    ]);
    for (const change of diff.changes) expect(change.events.map((e) => e.position)).toEqual([5]);
  });

  it('a correction recorded later is named, with its reason, behind what it changed, and changes nothing before it', async () => {
    const diff = await diffs.diff(
      'quarterly-bulletin',
      { quarter: '2014-Q1' },
      '2014-07-01T00:00:00Z',
      '2014-09-01T00:00:00Z',
    );
    expect(diff.changes.length).toBeGreaterThan(0);
    for (const change of diff.changes) {
      expect(change.path).toMatch(/^\/byIndustry/);
      expect(change.events).toEqual([
        expect.objectContaining({
          position: 6,
          type: 'ProjectDetailsAmended',
          actor: 'spec-client',
          unit: 'spec-unit',
          reason: 'corrected by the bureau',
          recordedAt: '2014-08-01T01:00:00.000Z',
        }),
      ]);
    }
    const before = await diffs.diff(
      'quarterly-bulletin',
      { quarter: '2014-Q1' },
      '2014-03-02T00:00:00Z',
      '2014-07-31T00:00:00Z',
    );
    expect(before.changes.flatMap((c) => c.events).some((e) => e.position === 6)).toBe(false);
  });

  it('refuses a window that ends before it starts: both instants are schema-valid, so a rule (422) naming from', async () => {
    const refusal = diffs.diff('targets', { year: '2014' }, '2014-06-30T00:00:00Z', '2014-04-01T00:00:00Z');
    await expect(refusal).rejects.toBeInstanceOf(DomainValidationError);
    await expect(refusal).rejects.toMatchObject({ errors: [{ field: 'from' }] });
  });

  it('refuses a window of more events than ITP_DIFF_MAX_EVENTS before replaying it (422 diff-window-too-large)', async () => {
    const bounded = new ReportDiffs(asOf, 10, loadConfig({ ITP_DATA_DIR: dir, ITP_DIFF_MAX_EVENTS: '2' }));
    // Positions 4 and 5 (April to June): two events, within the bound.
    expect(
      (await bounded.diff('targets', { year: '2014' }, '2014-04-01T00:00:00Z', '2014-06-30T00:00:00Z')).eventsBetween,
    ).toBe(2);
    // Positions 2 to 6: five events.
    await expect(
      bounded.diff('targets', { year: '2014' }, '2014-01-03T00:00:00Z', '2014-12-31T00:00:00Z'),
    ).rejects.toMatchObject({
      problem: {
        status: 422,
        type: expect.stringContaining('diff-window-too-large'),
        maxEvents: 2,
        detail: expect.stringContaining('More than 2 events'),
        errors: [{ field: 'from' }, { field: 'to' }],
      },
    });
  });

  it('a window before any event is an empty diff', async () => {
    const diff = await diffs.diff('targets', { year: '2014' }, '0163-05-07T00:00:00Z', '2013-12-31T00:00:00Z');
    expect(diff).toMatchObject({ from: { position: 0 }, to: { position: 0 }, changes: [], eventsBetween: 0 });
  });
});

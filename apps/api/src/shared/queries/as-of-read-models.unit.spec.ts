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
import { REPORTS, type ReportDefinition } from '../../reports/report-catalogue';
import { DomainValidationError } from '@itp/domain';
import { loadConfig } from '@itp/platform';
import { AsOfReadModels, reportDay } from './as-of-read-models';

/** 2014 as recorded: a rate; p-1 counted in March; p-2 counted in May; p-2's name corrected in August. */
const log = eventLog();
log.record('exchange-rates', FLAT_RATE_EVENTS, '2014-01-02T01:00:00.000Z');
const p1 = projectRegistered({ projectId: 'p-1' });
const p2 = projectRegistered({ projectId: 'p-2', name: 'Second', city: '430200' });
log.record('project-p-1', [p1, businessRegistered(p1, '2014-03-01')], '2014-03-01T01:00:00.000Z'); // 2, 3
log.record('project-p-2', [p2, businessRegistered(p2, '2014-05-01')], '2014-05-01T01:00:00.000Z'); // 4, 5
log.record(
  'project-p-2',
  [projectEvents('p-2').amended({ name: 'Second (corrected)' }, { name: 'Second' })],
  '2014-08-01T01:00:00.000Z',
); // 6

const CLOCK = () => new Date('2015-01-01T00:00:00Z');

describe('AsOfReadModels: the reports as of recorded instants', () => {
  let dir: string;
  let asOf: AsOfReadModels;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'itp-as-of-api-'));
    asOf = new AsOfReadModels(arrayEventLog(log.events), loadConfig({ ITP_DATA_DIR: dir }), CLOCK);
  });
  afterAll(() => {
    asOf.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const report = async (name: 'targets' | 'assessment', instant: string) => {
    const definition: ReportDefinition = REPORTS[name];
    const read = await asOf.at({ instant }, { reads: definition.reads });
    const computed = await definition.prepare({ year: '2014' }, new Date(instant), 10)(read.readModels);
    return { read, report: computed.report as Record<string, any> };
  };

  it('counts what was recorded by each instant, whatever the business dates', async () => {
    expect((await report('targets', '2014-02-28T00:00:00Z')).report.transferProjects.counted).toBe(0);
    expect((await report('targets', '2014-03-01T01:00:00Z')).report.transferProjects.counted).toBe(1);
    const june = await report('targets', '2014-06-30T16:00:00Z');
    expect(june.report.transferProjects.counted).toBe(2);
    expect(june.read).toMatchObject({
      position: 5,
      recordedAt: '2014-05-01T01:00:00.000Z',
      instant: '2014-06-30T16:00:00.000Z',
    });
  });

  it('a correction recorded later changes the answers after it, never the earlier ones', async () => {
    const before = (await report('assessment', '2014-07-31T00:00:00Z')).report;
    const after = (await report('assessment', '2014-08-02T00:00:00Z')).report;
    expect(before.units[0].projects[1].name).toBe('Second');
    expect(after.units[0].projects[1].name).toBe('Second (corrected)');
    // Asked again, the earlier answer is the same bytes.
    expect(JSON.stringify((await report('assessment', '2014-07-31T00:00:00Z')).report)).toBe(JSON.stringify(before));
  });

  it('refuses an instant after the clock (422 as-of-in-future) and a position beyond the head (422)', async () => {
    await expect(asOf.at({ instant: '2015-01-02T00:00:00Z' })).rejects.toMatchObject({
      problem: { status: 422, type: expect.stringContaining('as-of-in-future') },
    });
    await expect(asOf.at({ position: 7 })).rejects.toMatchObject({
      problem: { status: 422, type: expect.stringContaining('position-beyond-head') },
    });
    // After the last event but not in the future: the head.
    expect((await asOf.at({ instant: '2014-12-31T00:00:00Z' })).position).toBe(6);
  });

  it('refuses asOf with atPosition: each is schema-valid, giving both is a rule (422 naming atPosition)', async () => {
    const both = asOf.forQuery({ asOf: '2014-06-30T00:00:00Z', atPosition: 3 }, ['project-library']);
    await expect(both).rejects.toBeInstanceOf(DomainValidationError);
    await expect(both).rejects.toMatchObject({ errors: [{ field: 'atPosition' }] });
  });

  it('before any event the view is empty, its "today" a four-digit date; before 0001-01-01 (Shanghai) a 422 naming asOf', async () => {
    const early = await asOf.at({ instant: '0163-05-07T00:00:00Z' });
    expect(early).toMatchObject({ position: 0, recordedAt: null });
    expect(await early.readModels.projects().count()).toBe(0);
    expect(reportDay(early, CLOCK)).toBe('0163-05-07');
    const yearZero = asOf.at({ instant: '0000-12-31T12:00:00Z' });
    await expect(yearZero).rejects.toBeInstanceOf(DomainValidationError);
    await expect(yearZero).rejects.toMatchObject({ errors: [{ field: 'asOf' }] });
    await expect(asOf.at({ instant: '0000-12-31T16:00:00Z' }, { field: 'from' })).resolves.toMatchObject({
      position: 0,
    });
  });

  it("'today' of a report is the as-of instant's day (Asia/Shanghai), the clock's without one", async () => {
    const read = await asOf.at({ instant: '2014-06-30T16:30:00Z' });
    expect(reportDay(read, CLOCK)).toBe('2014-07-01');
    expect(reportDay(null, CLOCK)).toBe('2015-01-01');
  });

  it('a view has only the read models asked for: reading another fails instead of reading nothing', async () => {
    const read = await asOf.at({ instant: '2014-06-30T00:00:00Z' }, { reads: ['project-library'] });
    expect(await read.readModels.projects().count()).toBe(2);
    await expect(read.readModels.rateTable()).rejects.toThrow(/without collection exchange_rates/);
  });

  it('answers 503 projection-stopped when a projection cannot fold an event up to the bound, naming it', async () => {
    const broken = eventLog();
    broken.record('exchange-rates', FLAT_RATE_EVENTS, '2014-01-02T01:00:00.000Z');
    // A registration without its members: the project library's evolve cannot fold it.
    broken.record('project-p-9', [{ type: 'ProjectRegistered', data: { projectId: 'p-9' } }], '2014-02-01T00:00:00Z');
    const dir2 = mkdtempSync(join(tmpdir(), 'itp-as-of-stopped-'));
    const stopped = new AsOfReadModels(arrayEventLog(broken.events), loadConfig({ ITP_DATA_DIR: dir2 }), CLOCK);
    try {
      await expect(stopped.at({ position: 2 }, { reads: REPORTS.targets.reads })).rejects.toMatchObject({
        problem: { status: 503, type: expect.stringContaining('projection-stopped'), stopped: [{ position: 2 }] },
      });
      // Before the event it cannot fold, the answer stands.
      expect((await stopped.at({ position: 1 }, { reads: REPORTS.targets.reads })).position).toBe(1);
    } finally {
      stopped.onModuleDestroy();
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});

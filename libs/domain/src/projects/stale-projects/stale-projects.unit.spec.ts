import { DomainValidationError } from '../../shared/domain-errors';
import { progressDueOn, progressFollowUp, type FollowUpProject, type OwedMonth } from './stale-projects';

/** given(facts...).on(referenceDate[, dueDay]) → the follow-up; facts build the project's history. */
type Fact = (project: FollowUpProject) => FollowUpProject;
const signed =
  (signedOn: string): Fact =>
  (p) => ({ ...p, signedOn });
const reported =
  (month: string, recordedOn: string): Fact =>
  (p) => ({ ...p, progressReports: [...p.progressReports, { month, recordedOn }] });
const suspended =
  (suspendedOn: string, resumedOn: string | null = null): Fact =>
  (p) => ({ ...p, suspensions: [...p.suspensions, { suspendedOn, resumedOn }] });
const abandoned =
  (abandonedOn: string): Fact =>
  (p) => ({ ...p, abandonedOn });
const operating =
  (operatingOn: string): Fact =>
  (p) => ({ ...p, operatingOn });

const given = (...facts: Fact[]) => {
  const project = facts.reduce<FollowUpProject>((p, fact) => fact(p), {
    signedOn: null,
    operatingOn: null,
    suspensions: [],
    abandonedOn: null,
    progressReports: [],
  });
  return { on: (referenceDate: string, dueDay?: number) => progressFollowUp(project, referenceDate, dueDay) };
};

const months = (list: readonly OwedMonth[]) => list.map((m) => `${m.month} ${m.status}`);

describe('stale projects (一月一调度: a report by day 10 of the following month)', () => {
  it('dates a month’s report on the due day of the next month, across the year end', () =>
    expect([progressDueOn('2014-03', 10), progressDueOn('2014-12', 5)]).toEqual(['2014-04-10', '2015-01-05']));

  describe('given a project signed on 2014-03-15 that never reported', () => {
    const history = [signed('2014-03-15')];

    it('owes nothing for its signing month, nor for April until April’s due day has passed', () => {
      expect(given(...history).on('2014-04-30')).toEqual({ followed: true, stale: false, owed: [], lapses: [] });
      expect(given(...history).on('2014-05-10').stale).toBe(false); // the due day itself is still on time
    });

    it('is stale the day after April’s due day: the first month after signing is missing', () => {
      const followUp = given(...history).on('2014-05-11');
      expect(followUp.stale).toBe(true);
      expect(followUp.lapses).toEqual([{ month: '2014-04', dueOn: '2014-05-10', status: 'missing', recordedOn: null }]);
    });

    it('lists every month whose due day has passed before the reference date', () =>
      expect(months(given(...history).on('2014-07-20').lapses)).toEqual([
        '2014-04 missing',
        '2014-05 missing',
        '2014-06 missing',
      ]));

    it('takes the due day from configuration', () => {
      expect(given(...history).on('2014-05-06', 5).stale).toBe(true);
      expect(given(...history).on('2014-05-06', 20).stale).toBe(false);
      expect(() => given(...history).on('2014-05-06', 29)).toThrow(DomainValidationError);
      expect(() => given(...history).on('2014-05-06', 0)).toThrow(DomainValidationError);
    });
  });

  describe('given a project that reports on time', () => {
    const history = [signed('2014-03-15'), reported('2014-04', '2014-05-10'), reported('2014-05', '2014-06-03')];

    it('is not stale', () => {
      const followUp = given(...history).on('2014-06-30');
      expect(months(followUp.owed)).toEqual(['2014-04 on_time', '2014-05 on_time']);
      expect(followUp.stale).toBe(false);
    });

    it('counts a report made early for the month itself (back-dated months are fine too)', () =>
      expect(given(signed('2014-03-15'), reported('2014-04', '2014-04-30')).on('2014-05-20').stale).toBe(false));
  });

  describe('given a report that arrives late', () => {
    const history = [signed('2014-03-15'), reported('2014-04', '2014-05-12')];

    it('is missing until it is recorded, and stale', () =>
      expect(given(...history).on('2014-05-11').lapses).toEqual([
        { month: '2014-04', dueOn: '2014-05-10', status: 'missing', recordedOn: null },
      ]));

    it('stays listed as late once it is recorded: the lapse is not undone', () => {
      const followUp = given(...history).on('2014-05-20');
      expect(followUp.stale).toBe(true);
      expect(followUp.lapses).toEqual([
        { month: '2014-04', dueOn: '2014-05-10', status: 'late', recordedOn: '2014-05-12' },
      ]);
    });

    it('judges a month by its first report: a later correction does not make it late', () =>
      expect(
        given(...history, reported('2014-05', '2014-06-09'), reported('2014-05', '2014-09-01')).on('2014-09-30').lapses,
      ).toEqual([
        { month: '2014-04', dueOn: '2014-05-10', status: 'late', recordedOn: '2014-05-12' },
        { month: '2014-06', dueOn: '2014-07-10', status: 'missing', recordedOn: null },
        { month: '2014-07', dueOn: '2014-08-10', status: 'missing', recordedOn: null },
        { month: '2014-08', dueOn: '2014-09-10', status: 'missing', recordedOn: null },
      ]));
  });

  describe('given a suspended project', () => {
    it('is not followed while suspended, whatever it owed before', () =>
      expect(given(signed('2014-03-15'), suspended('2014-06-02')).on('2014-08-20')).toEqual({
        followed: false,
        reason: 'suspended',
        stale: false,
        owed: [],
        lapses: [],
      }));

    it('once resumed, owes no month it ended suspended, and owes the others again', () => {
      const followUp = given(
        signed('2014-03-15'),
        reported('2014-04', '2014-05-05'),
        suspended('2014-05-20', '2014-07-03'),
      ).on('2014-08-20');
      // May and June ended suspended: excused. July (due 08-10) is owed and missing.
      expect(months(followUp.owed)).toEqual(['2014-04 on_time', '2014-07 missing']);
      expect(followUp.stale).toBe(true);
    });

    it('is followed as of a date before the suspension', () =>
      expect(given(signed('2014-03-15'), suspended('2014-06-02')).on('2014-05-20').stale).toBe(true));
  });

  describe('given an abandoned project', () => {
    it('is never stale after it was abandoned', () =>
      expect(given(signed('2014-03-15'), abandoned('2014-06-20')).on('2014-09-01')).toMatchObject({
        followed: false,
        reason: 'abandoned',
        stale: false,
      }));

    it('was stale before it was abandoned, as of a date before', () =>
      expect(months(given(signed('2014-03-15'), abandoned('2014-06-20')).on('2014-06-19').lapses)).toEqual([
        '2014-04 missing',
        '2014-05 missing',
      ]));
  });

  describe('given a project that went into operation', () => {
    it('leaves follow-up: operating projects no longer report', () =>
      expect(given(signed('2014-03-15'), operating('2014-05-20')).on('2014-09-01')).toMatchObject({
        followed: false,
        reason: 'operating',
      }));
  });

  describe('given a lead that is not signed', () => {
    it('owes nothing', () =>
      expect(given().on('2014-09-01')).toMatchObject({ followed: false, reason: 'not_signed', stale: false }));

    it('owes nothing as of a date before its signing', () =>
      expect(given(signed('2014-03-15')).on('2014-03-01')).toMatchObject({ followed: false, reason: 'not_signed' }));
  });

  it('refuses a reference date that is not a date', () =>
    expect(() => given(signed('2014-03-15')).on('2014-13-01')).toThrow(DomainValidationError));
});

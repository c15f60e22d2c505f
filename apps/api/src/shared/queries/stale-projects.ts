import { Inject, Injectable } from '@nestjs/common';
import { progressFollowUp, type OwedMonth, type ProgressFollowUp } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import { deepFreeze } from '@itp/projections/as-of';
import type { ReadFilter } from '@itp/read-store';
import { shanghaiToday } from '../http/clock';
import { PROGRESS_DUE_DAY } from './progress-due-day';
import { ReadModels } from './read-models';

export const staleRule = (dueDay: number) =>
  `Stale: a project signed and not operating, suspended or abandoned on the reference date, with a month after its signing month ` +
  `whose report was not recorded (Asia/Shanghai) by day ${dueDay} of the following month. Owed are the months whose due day is before ` +
  `the reference date and at whose end the project was neither operating, suspended nor abandoned. A late report keeps the month ` +
  `listed as late. A corrected month is judged by the time of its last correction (the project library keeps no earlier one).`;

/** The fields the rule reads, and those a stale project is shown with. */
export const FOLLOW_UP_FIELDS = {
  name: 1,
  city: 1,
  cityName: 1,
  stage: 1,
  status: 1,
  introducerUnits: 1,
  signedOn: 1,
  stageReachedOn: 1,
  suspensions: 1,
  abandonment: 1,
  progress: 1,
} as const;

type FollowUpFields = Pick<
  ProjectLibraryDocument,
  | '_id'
  | 'name'
  | 'city'
  | 'cityName'
  | 'stage'
  | 'status'
  | 'introducerUnits'
  | 'signedOn'
  | 'stageReachedOn'
  | 'suspensions'
  | 'abandonment'
  | 'progress'
>;

/** The domain's rule on a project-library document: reports dated by the day (Asia/Shanghai) they were recorded. */
export const followUpOf = (p: FollowUpFields, referenceDate: string, dueDay: number): ProgressFollowUp => {
  // A frozen document (the embedded read store's, shared by every query) cannot change: its follow-up for a
  // reference date is computed once, not again at every dispatch (most of the report's time on a large province).
  // It is its own key, so its series are not read to find its entry: an as-of document loaded from a snapshot reads
  // a series from disk when first touched, and the rule reads the progress of few projects. A projected copy (a new
  // object at each query) is known by its frozen series instead.
  const byDocument = Object.isFrozen(p);
  const memoKey = byDocument ? p : Object.isFrozen(p.progress) && Object.isFrozen(p.suspensions) ? p.progress : null;
  const key = `${referenceDate}|${dueDay}|${p.signedOn}|${p.stageReachedOn.operating}|${p.abandonment?.abandonedOn}`;
  const known = memoKey === null ? undefined : followUps.get(memoKey);
  const hit = known?.find((entry) => entry.key === key && (byDocument || entry.suspensions === p.suspensions));
  if (hit !== undefined) return hit.followUp;
  const followUp = progressFollowUp(
    {
      signedOn: p.signedOn,
      operatingOn: p.stageReachedOn.operating ?? null,
      suspensions: p.suspensions.map(({ suspendedOn, resumedOn }) => ({ suspendedOn, resumedOn })),
      abandonedOn: p.abandonment?.abandonedOn ?? null,
      // Read only for a project the rule follows: most projects of a late month are operating, and their series (a
      // day computed per report) are then never walked.
      get progressReports() {
        return p.progress.map((e) => ({ month: e.month, recordedOn: shanghaiToday(new Date(e.recordedAt)) }));
      },
    },
    referenceDate,
    dueDay,
  );
  if (memoKey !== null) {
    const entries = known ?? [];
    entries.unshift({ key, suspensions: byDocument ? null : p.suspensions, followUp: deepFreeze(followUp) });
    if (entries.length > MEMO_PER_DOCUMENT) entries.pop();
    followUps.set(memoKey, entries);
  }
  return followUp;
};

/**
 * Per frozen document (by itself, or by its progress array for a copy whose series are frozen: gone with either), the
 * follow-ups of its last few reference dates; `suspensions` is null for an entry keyed by the document itself.
 */
const followUps = new WeakMap<
  object,
  { key: string; suspensions: FollowUpFields['suspensions'] | null; followUp: ProgressFollowUp }[]
>();
const MEMO_PER_DOCUMENT = 4;

export type StaleProject = {
  projectId: string;
  name: string;
  city: string;
  cityName: { en: string; zh: string };
  stage: string;
  status: string;
  /** The units that introduced the project (now): they answer for its reports. */
  responsibleUnits: string[];
  missingMonths: OwedMonth[];
};

export const staleProject = (p: FollowUpFields, lapses: OwedMonth[]): StaleProject => ({
  projectId: p._id,
  name: p.name,
  city: p.city,
  cityName: p.cityName,
  stage: p.stage,
  status: p.status,
  responsibleUnits: [...p.introducerUnits],
  missingMonths: lapses,
});

/** Finds the stale projects among those a filter selects, as of a reference date (in the live read models, or those given). */
@Injectable()
export class StaleProjects {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(PROGRESS_DUE_DAY) readonly dueDay: number,
  ) {}

  /** Sorted by city, then name, then id. */
  async find(referenceDate: string, filter: ReadFilter = {}, readModels = this.readModels): Promise<StaleProject[]> {
    // Derived by the store, which may give a project's answer again while its document stands (the live embedded
    // store does): the metrics ask for the stale count at every scrape, and the rule reads every project's series.
    const { dueDay } = this;
    const found = await readModels.projects().findDerived(
      { ...filter, signedOn: { $ne: null, $lte: referenceDate } },
      { sort: { city: 1, name: 1, _id: 1 }, projection: FOLLOW_UP_FIELDS },
      {
        key: `stale|${referenceDate}|${dueDay}`,
        derive: (p): StaleProject | null => {
          const followUp = followUpOf(p, referenceDate, dueDay);
          return followUp.stale ? staleProject(p, followUp.lapses) : null;
        },
      },
    );
    return found.filter((p) => p !== null);
  }
}

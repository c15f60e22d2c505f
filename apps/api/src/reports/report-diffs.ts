import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@itp/event-store';
import { DomainValidationError } from '@itp/domain';
import { ITP_CONFIG, ProblemException, invalidInput, problem, type ItpConfig } from '@itp/platform';
import { AsOfReadModels, type AsOfRead } from '../shared/queries/as-of-read-models';
import { PROGRESS_DUE_DAY } from '../shared/queries/progress-due-day';
import { ReadModels } from '../shared/queries/read-models';
import {
  REPORTS,
  ReportParametersError,
  type ReportDefinition,
  type ReportName,
  type ReportParameters,
} from './report-catalogue';
import { diffReports, type FigureChange } from './report-diff';

/** An event as a diff names it: where it is, what it is, who recorded it when, and why if it says. */
export interface ContributingEvent {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  actor: string;
  unit: string;
  reason: string | null;
}

export interface ExplainedChange extends FigureChange {
  /** The events recorded between the two instants that changed this figure on the way, in log order. */
  events: ContributingEvent[];
}

export interface ReportDiff {
  report: ReportName;
  parameters: Record<string, string>;
  from: { instant: string; position: number };
  to: { instant: string; position: number };
  changes: ExplainedChange[];
  /** How many events were recorded in between (those that changed no figure are not listed). */
  eventsBetween: number;
}

const reasonOf = (event: RecordedEvent): string | null =>
  typeof event.data.reason === 'string' ? event.data.reason : null;

const contributing = (event: RecordedEvent): ContributingEvent => ({
  position: event.position,
  streamId: event.streamId,
  revision: event.revision,
  type: event.type,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  unit: event.metadata.unit,
  reason: reasonOf(event),
});

/** A step's change touches a figure when one path is the other or lies inside it (an item added, then amended). */
const touches = (figure: string, step: string): boolean =>
  figure === step || step.startsWith(`${figure}/`) || figure.startsWith(`${step}/`) || figure === '/' || step === '/';

/**
 * Report diffs that explain themselves (issue 11, item 2): the report as of two recorded instants, every figure
 * that differs (a pure differ over the two answers), and for each the events recorded in between that changed it.
 * Attribution replays the log between the two positions event by event (AsOfEngine.replay) and recomputes the
 * report after every event its read models fold: an event contributes to a figure when applying it changes that
 * figure (or the list item holding it). Cost: one report computation per event in between that the read models
 * handle; on the demo year (412 events) the whole year takes well under a second. So that one request is bounded
 * work, a window of more than ITP_DIFF_MAX_EVENTS events (default 20,000) is refused before any replay: 422
 * diff-window-too-large, naming from and to and the count.
 */
@Injectable()
export class ReportDiffs {
  private readonly maxEvents: number;

  constructor(
    private readonly asOf: AsOfReadModels,
    @Inject(PROGRESS_DUE_DAY) private readonly dueDay: number,
    @Inject(ITP_CONFIG) config: ItpConfig,
  ) {
    this.maxEvents = config.asOf.diffMaxEvents;
  }

  async diff(report: ReportName, parameters: ReportParameters, from: string, to: string): Promise<ReportDiff> {
    // Both instants are schema-valid on their own; their order is a rule of the diff: 422 naming from.
    if (Date.parse(from) > Date.parse(to))
      throw DomainValidationError.single('from', `from (${from}) must not be after to (${to})`);
    const reads = REPORTS[report].reads;
    const [before, after] = [
      await this.asOf.at({ instant: from }, { reads, field: 'from' }),
      await this.asOf.at({ instant: to }, { reads, field: 'to' }),
    ];
    const between = await this.asOf.countBetween(before.position, after.position, this.maxEvents + 1);
    if (between > this.maxEvents) throw windowTooLarge(from, to, this.maxEvents);
    const explained = await this.explain(report, parameters, before, after, new Date(to));
    return {
      report,
      parameters: explained.parameters,
      from: { instant: new Date(from).toISOString(), position: before.position },
      to: { instant: new Date(to).toISOString(), position: after.position },
      changes: explained.changes,
      eventsBetween: explained.eventsBetween,
    };
  }

  /** The same between two positions (a publication's and the head): `now` is the report's "today" on both sides. */
  async between(
    report: ReportName,
    parameters: ReportParameters,
    from: number,
    to: number,
    now: Date,
  ): Promise<Pick<ReportDiff, 'changes' | 'eventsBetween'> & { eventsAttributed: boolean }> {
    const reads = REPORTS[report].reads;
    const [before, after] = [
      await this.asOf.at({ position: from }, { reads }),
      await this.asOf.at({ position: to }, { reads }),
    ];
    // Attribution replays every event in between, so it has the diffs' bound: beyond it the figures that changed
    // are still listed, without their events (ask /diff for narrower windows to have them).
    const between = await this.asOf.countBetween(from, to, this.maxEvents + 1);
    if (between > this.maxEvents) {
      const compute = this.prepare(report, { ...(parameters as Record<string, string>) }, now);
      const [a, b] = [(await compute(before.readModels)).report, (await compute(after.readModels)).report];
      return {
        changes: diffReports(a, b).map((change) => ({ ...change, events: [] })),
        eventsBetween: between,
        eventsAttributed: false,
      };
    }
    const { changes, eventsBetween } = await this.explain(report, parameters, before, after, now);
    return { changes, eventsBetween, eventsAttributed: true };
  }

  private async explain(
    report: ReportName,
    parameters: ReportParameters,
    before: AsOfRead,
    after: AsOfRead,
    now: Date,
  ): Promise<Pick<ReportDiff, 'parameters' | 'changes' | 'eventsBetween'>> {
    // One "today" for both sides: a figure that only moved with the calendar is not an event's.
    const frozen = { ...(parameters as Record<string, string>) };
    const compute = this.prepare(report, frozen, now);
    const [a, b] = [(await compute(before.readModels)).report, (await compute(after.readModels)).report];
    const stale = (b as { stale?: { referenceDate?: string } }).stale;
    if (report === 'monthly-dispatch' && frozen.referenceDate === undefined && stale?.referenceDate)
      frozen.referenceDate = stale.referenceDate;
    const changes = diffReports(a, b);
    const events = new Map<string, ContributingEvent[]>(changes.map((c) => [c.path, []]));
    let eventsBetween = 0;
    let previous: object = a;
    for await (const step of this.asOf.replay(before.position, after.position, REPORTS[report].reads)) {
      eventsBetween += 1;
      if (!step.handled || changes.length === 0) continue;
      const next = (await compute(new ReadModels(step.store))).report;
      const moved = diffReports(previous, next).map((c) => c.path);
      previous = next;
      if (moved.length === 0) continue;
      for (const change of changes)
        if (moved.some((path) => touches(change.path, path))) events.get(change.path)!.push(contributing(step.event));
    }
    return {
      parameters: frozen,
      changes: changes.map((change) => ({ ...change, events: events.get(change.path)! })),
      eventsBetween,
    };
  }

  private prepare(report: ReportName, parameters: ReportParameters, now: Date) {
    const definition: ReportDefinition = REPORTS[report];
    try {
      return definition.prepare(parameters, now, this.dueDay);
    } catch (error) {
      if (error instanceof ReportParametersError)
        throw invalidInput(error.messages.map((message) => ({ field: message.split(' ')[0], message })));
      throw error;
    }
  }
}

/** A window of more events than a diff replays (ITP_DIFF_MAX_EVENTS): 422, naming both ends and the count. */
const windowTooLarge = (from: string, to: string, max: number): ProblemException =>
  new ProblemException(
    problem(422, 'diff-window-too-large', 'Diff window too large', {
      detail:
        `More than ${max} events were recorded between from (${from}) and to (${to}); a diff replays at most ` +
        `${max} (ITP_DIFF_MAX_EVENTS): ask for a narrower window, or several consecutive ones.`,
      maxEvents: max,
      errors: [
        { field: 'from', message: `more than ${max} events between from and to: narrow the window` },
        { field: 'to', message: `more than ${max} events between from and to: narrow the window` },
      ],
    }),
  );

/** Diffs read the whole province: a city-scoped key would learn of other cities' projects. */
export const provinceWideOnly = (): ProblemException =>
  new ProblemException(
    problem(403, 'forbidden', 'Forbidden', {
      detail: 'Report diffs are province-wide: they need a key whose scope is every city.',
    }),
  );

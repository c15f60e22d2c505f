import { Inject, Injectable } from '@nestjs/common';
import {
  DomainValidationError,
  DOMAIN_EVENTS,
  PUBLICATIONS_STREAM_ID,
  PUBLISHABLE_REPORTS,
  type PublishableReport,
  type ReportPublished,
} from '@itp/domain';
import { EVENT_STORE, hashEvent, GENESIS_HASH, type EventStore, type RecordedEvent } from '@itp/event-store';
import { invalidInput } from '@itp/platform';
import { CLOCK, type Clock } from '../shared/http/clock';
import { AsOfReadModels, type AsOfRead } from '../shared/queries/as-of-read-models';
import { PROGRESS_DUE_DAY } from '../shared/queries/progress-due-day';
import { notFound } from '../shared/queries/query-answers';
import {
  REPORTS,
  ReportParametersError,
  type ReportDefinition,
  type ReportParameters,
} from '../reports/report-catalogue';
import { reportSha256 } from '../reports/report-diff';
import { ReportDiffs, type ExplainedChange } from '../reports/report-diffs';

/** A publication as the register lists it: what it froze, and who published it when. */
export interface PublicationItem {
  publicationId: string;
  report: PublishableReport;
  parameters: Record<string, string>;
  /** The log position the report was computed at. */
  position: number;
  positionRecordedAt: string | null;
  sha256: string;
  publishedOn: string;
  publishedAt: string;
  publishedBy: { actor: string; unit: string; role: string };
  /** Where the publication itself is in the log. */
  event: { streamId: string; revision: number; position: number };
}

export interface ChainBreak {
  streamId: string;
  revision: number;
  eventId: string;
  position: number;
  reason: string;
}

export interface PublicationVerification {
  publicationId: string;
  report: PublishableReport;
  parameters: Record<string, string>;
  position: number;
  publishedSha256: string;
  /** The report recomputed from the log up to `position`, folded from scratch (no snapshot trusted). */
  recomputedSha256: string;
  /** Every chain holds up to `position` (and the publication's own) and the recomputed hash is the published one. */
  verified: boolean;
  chains: { valid: true; streams: number; events: number } | { valid: false; broken: ChainBreak };
  /** The report as the log gives it now, and what changed since the publication (only when it differs). */
  current: {
    position: number;
    sha256: string;
    sameAsPublished: boolean;
    changes?: ExplainedChange[];
    /** False when more events than a diff replays were recorded since: the changes then carry no events. */
    eventsAttributed?: boolean;
  };
}

/** Written by the publication itself into a monthly dispatch's parameters: the due day it was computed with. */
const DUE_DAY_PARAMETER = 'progressDueDay';
const withoutDueDay = (parameters: Record<string, string>): ReportParameters => {
  const { [DUE_DAY_PARAMETER]: _dueDay, ...reportParameters } = parameters;
  return reportParameters;
};

/**
 * Publications (issue 11, item 3): a report computed at the head of the log, frozen by the SHA-256 of its RFC 8785
 * canonical JSON in an event of the `publications` stream, and re-proven on demand by recomputing it from the log
 * at the position it was computed at, with every stream's hash chain checked up to there.
 */
@Injectable()
export class Publications {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly asOf: AsOfReadModels,
    private readonly diffs: ReportDiffs,
    @Inject(PROGRESS_DUE_DAY) private readonly dueDay: number,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Validates the parameters as the report's endpoint does (400 naming each malformed one, 422 each the report needs
   * and did not get), then computes it at the head.
   */
  async compute(
    report: string,
    parameters: Record<string, unknown>,
  ): Promise<{
    parameters: Record<string, string>;
    position: number;
    positionRecordedAt: string | null;
    sha256: string;
  }> {
    if (!(PUBLISHABLE_REPORTS as readonly string[]).includes(report))
      throw invalidInput([{ field: 'report', message: `report must be one of ${PUBLISHABLE_REPORTS.join(', ')}` }]);
    const definition = REPORTS[report as PublishableReport];
    const accepted = new Set<string>([...definition.required, ...definition.optional]);
    const unknown = Object.keys(parameters ?? {}).filter((key) => !accepted.has(key));
    const notText = Object.entries(parameters ?? {}).filter(([, value]) => typeof value !== 'string');
    if (notText.length > 0)
      throw invalidInput(notText.map(([key]) => ({ field: `parameters.${key}`, message: `${key} must be a string` })));
    // Schema-valid (the document has one parameters object for the four reports): a rule of the chosen report.
    if (unknown.length > 0)
      throw new DomainValidationError(
        unknown.map((key) => ({ field: `parameters.${key}`, message: `${key} is not a parameter of ${report}` })),
      );
    // Every member is optional in the document (one schema for the four reports): the chosen report's own are a
    // rule of the publication, so one missing is a 422 naming it (a malformed one was a 400 of the pipe).
    const missing = REPORTS[report as PublishableReport].required.filter((name) => parameters?.[name] === undefined);
    if (missing.length > 0)
      throw new DomainValidationError(
        missing.map((name) => ({ field: `parameters.${name}`, message: `${report} needs parameters.${name}` })),
      );
    const head = await this.eventStore.headPosition();
    const read = await this.asOf.at({ position: head }, { reads: REPORTS[report as PublishableReport].reads });
    const now = this.clock();
    const computed = await this.computeAt(report as PublishableReport, parameters as ReportParameters, read, now);
    // The dispatch's "today" becomes an explicit reference date: the publication recomputes to the same bytes later.
    const frozen: Record<string, string> = { ...(parameters as Record<string, string>) };
    const stale = (computed as { stale?: { referenceDate?: string } }).stale;
    if (report === 'monthly-dispatch' && frozen.referenceDate === undefined && stale?.referenceDate)
      frozen.referenceDate = stale.referenceDate;
    // So is its progress due day (ITP_PROGRESS_DUE_DAY, in the report's rules): a later change of the setting does
    // not change what the publication recomputes to.
    if (report === 'monthly-dispatch') frozen[DUE_DAY_PARAMETER] = String(this.dueDay);
    return {
      parameters: frozen,
      position: read.position,
      positionRecordedAt: read.recordedAt,
      sha256: reportSha256(computed),
    };
  }

  async list(): Promise<PublicationItem[]> {
    const events = await this.eventStore.readStream(PUBLICATIONS_STREAM_ID);
    return events.flatMap((event) => {
      const decoded = DOMAIN_EVENTS.decode(event);
      if (decoded.type !== 'ReportPublished') return [];
      const { publishedOn, ...data } = (decoded as ReportPublished).data;
      return [
        {
          ...data,
          publishedOn,
          publishedAt: event.recordedAt,
          publishedBy: { actor: event.metadata.actor, unit: event.metadata.unit, role: event.metadata.role },
          event: { streamId: event.streamId, revision: event.revision, position: event.position },
        },
      ];
    });
  }

  /** One publication as it was recorded, or undefined. */
  async find(publicationId: string): Promise<PublicationItem | undefined> {
    return (await this.list()).find((p) => p.publicationId === publicationId);
  }

  async verify(publicationId: string): Promise<PublicationVerification> {
    const publication = await this.find(publicationId);
    if (publication === undefined) throw notFound('publication', publicationId);
    const chains = await this.verifyChains(publication.position, publication.event.position);
    const reads = REPORTS[publication.report].reads;
    const then = await this.asOf.at({ position: publication.position }, { reads, fromScratch: true });
    const at = new Date(publication.positionRecordedAt ?? publication.publishedAt);
    const recomputed = await this.computeAt(publication.report, publication.parameters, then, at);
    const recomputedSha256 = reportSha256(recomputed);
    const head = await this.eventStore.headPosition();
    const nowRead = await this.asOf.at({ position: head }, { reads });
    const current = await this.computeAt(publication.report, publication.parameters, nowRead, at);
    const currentSha256 = reportSha256(current);
    const sameAsPublished = currentSha256 === publication.sha256;
    // What changed since, each figure with the events recorded after the publication's position that changed it.
    const since = sameAsPublished
      ? undefined
      : await this.diffs.between(
          publication.report,
          withoutDueDay(publication.parameters),
          publication.position,
          head,
          at,
        );
    return {
      publicationId,
      report: publication.report,
      parameters: publication.parameters,
      position: publication.position,
      publishedSha256: publication.sha256,
      recomputedSha256,
      verified: chains.valid && recomputedSha256 === publication.sha256,
      chains,
      current: {
        position: nowRead.position,
        sha256: currentSha256,
        sameAsPublished,
        ...(since === undefined ? {} : { changes: since.changes, eventsAttributed: since.eventsAttributed }),
      },
    };
  }

  private async computeAt(
    report: PublishableReport,
    parameters: ReportParameters,
    read: AsOfRead,
    now: Date,
  ): Promise<object> {
    const definition: ReportDefinition = REPORTS[report];
    const frozenDueDay = (parameters as Record<string, string>)[DUE_DAY_PARAMETER];
    const dueDay = frozenDueDay === undefined ? this.dueDay : Number(frozenDueDay);
    const reportParameters = withoutDueDay(parameters as Record<string, string>);
    let compute: ReturnType<ReportDefinition['prepare']>;
    try {
      compute = definition.prepare(reportParameters, now, dueDay);
    } catch (error) {
      if (error instanceof ReportParametersError)
        throw invalidInput(
          error.messages.map((message) => ({ field: `parameters.${message.split(' ')[0]}`, message })),
        );
      throw error;
    }
    return (await compute(read.readModels)).report;
  }

  /**
   * Every stream's hash chain over the log up to `position` (the events the report was computed from), and the
   * publications stream up to the publication itself: the first event that does not hold, named.
   */
  private async verifyChains(
    position: number,
    publicationPosition: number,
  ): Promise<PublicationVerification['chains']> {
    const heads = new Map<string, { revision: number; hash: string }>();
    let events = 0;
    const check = (event: RecordedEvent): ChainBreak | undefined => {
      const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const broken = (reason: string): ChainBreak => ({
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.id,
        position: event.position,
        reason,
      });
      if (event.revision !== head.revision + 1)
        return broken(`expected revision ${head.revision + 1}, found ${event.revision}`);
      if (event.metadata.previousHash !== head.hash)
        return broken('previousHash does not match the hash of the event before it');
      const hash = hashEvent(event, head.hash);
      if (event.metadata.hash !== hash) return broken('hash does not match the event content');
      heads.set(event.streamId, { revision: event.revision, hash });
      events += 1;
      return undefined;
    };
    for await (const event of this.eventStore.readAll({ toPosition: position })) {
      const broken = check(event);
      if (broken !== undefined) return { valid: false, broken };
    }
    for (const event of await this.eventStore.readStream(PUBLICATIONS_STREAM_ID)) {
      if (event.position <= position) continue; // checked above
      if (event.position > publicationPosition) break;
      const broken = check(event);
      if (broken !== undefined) return { valid: false, broken };
    }
    return { valid: true, streams: heads.size, events };
  }
}

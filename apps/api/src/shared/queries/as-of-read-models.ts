import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { ITP_CONFIG, ProblemException, problem, type ItpConfig } from '@itp/platform';
import { DomainValidationError } from '@itp/domain';
import { AsOfEngine, AsOfEngineClosedError, type AsOfBound } from '@itp/projections/as-of';
import { CLOCK, shanghaiToday, type Clock } from '../http/clock';
import type { AsOfQueryDto } from './as-of-query.dto';
import { ReadModels } from './read-models';

/** The read models as of a past position, and what the answer reflects. */
export interface AsOfRead {
  readModels: ReadModels;
  /** The last event folded (0: none). */
  position: number;
  /** Its recorded time (null at position 0). */
  recordedAt: string | null;
  /** The instant the answer is as of: the one asked, or the recorded time of `position`. */
  instant: string | null;
}

/** The first day an as-of instant may fall on (Asia/Shanghai): a report's "today" is a date of years 0001-9999. */
const EARLIEST_DAY = '0001-01-01';

/** "Today" for a report: the as-of instant's day when a past instant was asked, the clock's otherwise. */
export const reportDay = (asOf: AsOfRead | null, clock: Clock): string =>
  shanghaiToday(asOf?.instant == null ? clock() : new Date(asOf.instant));

/** The instant of a report: the as-of instant, or the clock. */
export const reportNow = (asOf: AsOfRead | null, clock: Clock): Date =>
  asOf?.instant == null ? clock() : new Date(asOf.instant);

/**
 * The api's side of the time machine (libs/projections/src/as-of): the read models as of a recorded instant or a
 * position of the log, behind the same ReadModels the live queries read, so that a controller changes only which
 * ReadModels it reads. Snapshots go to ITP_AS_OF_DIR, within ITP_AS_OF_SNAPSHOT_MB (ItpConfig.asOf).
 */
@Injectable()
export class AsOfReadModels implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly engine: AsOfEngine;
  private readonly logger = new Logger('AsOf');
  private readonly warm: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ITP_CONFIG) config: ItpConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.engine = new AsOfEngine({
      eventStore,
      snapshotDir: config.asOf.snapshotDir,
      snapshotBudgetBytes: config.asOf.snapshotBudgetBytes,
    });
    this.warm = config.asOf.warm;
  }

  /**
   * ITP_AS_OF_WARM=1: after start, folds the whole log once in the background and writes every missing snapshot,
   * so that the first question on a long log does not fold it from the start (on 1,000,000 events: 224-309 s of
   * one core, once; afterwards snapshots are written by the folds that pass them). Off by default: the snapshots
   * are then written lazily by the first questions.
   */
  onApplicationBootstrap(): void {
    if (!this.warm) return;
    const started = Date.now();
    this.engine.warm().then(
      ({ position }) =>
        this.logger.log(`as-of snapshots warm up to position ${position} in ${Date.now() - started} ms`),
      (error: unknown) => {
        if (!(error instanceof AsOfEngineClosedError)) this.logger.warn(`as-of warm-up failed: ${String(error)}`);
      },
    );
  }

  onModuleDestroy(): void {
    this.engine.close();
  }

  /**
   * As of the bound: an instant after the clock is refused (422 as-of-in-future: events may still be recorded
   * before it, so the answer could change), a position beyond the head too (422 position-beyond-head).
   * `reads` names the read models to fold (READ_MODEL values; default all): a query reading another one fails.
   * `fromScratch` folds the whole log up to the bound, trusting no snapshot (verifications).
   */
  async at(
    bound: AsOfBound,
    options: { reads?: readonly string[]; fromScratch?: boolean; field?: string } = {},
  ): Promise<AsOfRead> {
    const field = options.field ?? ('instant' in bound ? 'asOf' : 'atPosition');
    if ('instant' in bound && Date.parse(bound.instant) > this.clock().getTime())
      throw new ProblemException(
        problem(422, 'as-of-in-future', `${field} is in the future`, {
          detail: `${field} ${bound.instant} is after the server's clock: what will be recorded until then is not known yet.`,
        }),
      );
    // Before any event the answer is the empty view; but its "today" must still be a date (0001-01-01 on).
    if ('instant' in bound && shanghaiToday(new Date(bound.instant)) < EARLIEST_DAY)
      throw DomainValidationError.single(
        field,
        `${field} ${bound.instant} is before ${EARLIEST_DAY} in Asia/Shanghai: no day of the calendar the reports count in`,
      );
    if ('position' in bound) {
      const head = await this.eventStore.headPosition();
      if (bound.position > head)
        throw new ProblemException(
          problem(422, 'position-beyond-head', 'Position beyond the head of the event log', {
            detail: `${field} ${bound.position} is beyond the head of the event log (${head}).`,
            head,
          }),
        );
    }
    const view = await this.engine.at(bound, { projections: options.reads, fromScratch: options.fromScratch });
    // A projection whose evolve failed on an event up to the bound stands before that event: an answer from it would
    // claim a position it has not folded, and a publication would freeze it. The live read models stop there too.
    if (view.stopped.length > 0) {
      const [first] = view.stopped;
      throw new ProblemException(
        problem(503, 'projection-stopped', 'A read model could not fold the log up to the bound', {
          detail: `The ${first.projection} projection failed on the event at position ${first.position} (${first.error}): the answer as of ${view.position} cannot be computed until it is fixed.`,
          stopped: view.stopped,
        }),
      );
    }
    return {
      readModels: new ReadModels(view.store),
      position: view.position,
      recordedAt: view.recordedAt,
      instant: view.instant,
    };
  }

  /**
   * The log between two positions event by event, with the read models just after each (AsOfEngine.replay): what
   * report diffs attribute figures with. Folds on copies: the states the answers share are never changed.
   */
  replay(from: number, to: number, reads: readonly string[]) {
    return this.engine.replay(from, to, { projections: reads });
  }

  /**
   * How many events the log holds after `from` up to `to` (positions), counting no further than `atMost`: a diff's
   * window is measured before it is replayed (positions are not consecutive on EventStoreDB, so they are counted).
   */
  async countBetween(from: number, to: number, atMost: number): Promise<number> {
    if (to <= from) return 0;
    let count = 0;
    for await (const _event of this.eventStore.readAll({ fromPosition: from, toPosition: to, maxCount: atMost }))
      if (++count >= atMost) break;
    return count;
  }

  /**
   * The read a query asks for: null for the live read models (no asOf, no atPosition), else the as-of read, its
   * position and instant put on the reply as `X-As-Of-Position` and `X-As-Of`.
   */
  async forQuery(query: AsOfQueryDto, reads: readonly string[], reply?: FastifyReply): Promise<AsOfRead | null> {
    // Both are schema-valid on their own; giving both is a rule of the read, so a 422 naming atPosition.
    if (query.atPosition !== undefined && query.asOf !== undefined)
      throw DomainValidationError.single('atPosition', 'atPosition and asOf are exclusive: give one of them');
    const bound: AsOfBound | undefined =
      query.atPosition !== undefined
        ? { position: query.atPosition }
        : query.asOf !== undefined
          ? { instant: query.asOf }
          : undefined;
    if (bound === undefined) return null;
    const read = await this.at(bound, { reads });
    if (reply !== undefined) {
      void reply.header('X-As-Of-Position', String(read.position));
      if (read.instant !== null) void reply.header('X-As-Of', new Date(read.instant).toISOString());
    }
    return read;
  }
}

/** The stamp of an export computed as of a past instant: the instant (Asia/Shanghai) and the position. */
export const asOfStampText = (read: AsOfRead): string =>
  `数据时点：截至 ${read.instant === null ? '日志之初' : shanghaiDateTime.format(new Date(read.instant))}（北京时间）记录的事件，事件日志位置 ${read.position}`;

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

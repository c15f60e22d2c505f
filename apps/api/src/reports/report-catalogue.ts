import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { assessmentExport } from '../reports/get-assessment/assessment.export';
import { assessmentReport } from '../reports/get-assessment/assessment.report';
import { targetsExport } from '../reports/get-targets/targets.export';
import { targetsReport } from '../reports/get-targets/targets.report';
import { targetsFor } from '../reports/get-targets/year-targets';
import { MonthlyDispatchDto } from '../reports/monthly-dispatch/monthly-dispatch.dto';
import { monthlyDispatchExport } from '../reports/monthly-dispatch/monthly-dispatch.export';
import {
  dispatchFromLibrary,
  dispatchReferenceDate,
  dispatchTerms,
} from '../reports/monthly-dispatch/monthly-dispatch.report';
import { QuarterlyBulletinDto } from '../reports/quarterly-bulletin/quarterly-bulletin.dto';
import { quarterlyBulletinExport } from '../reports/quarterly-bulletin/quarterly-bulletin.export';
import { quarterlyBulletinReport } from '../reports/quarterly-bulletin/quarterly-bulletin.report';
import type { ExportContext, ExportDocument } from '../shared/exports/export-model';
import { shanghaiToday } from '../shared/http/clock';
import { earlierOf, quarterBounds } from '../shared/queries/calendar';
import { READ_MODEL, type ReadModels } from '../shared/queries/read-models';
import type { ReadScope } from '../shared/queries/read-scope';
import { YearQueryDto } from '../shared/queries/year-query.dto';
import { targetsVisibleTo } from '../reports/get-targets/targets-visibility';
import { scopeAssessment, scopeBulletin, scopeDispatch, scopeTargets } from '../reports/scope-reports';

/** The reports the catalogue knows: each the api endpoint of the same name (see REPORT_PATHS). */
export const REPORT_NAMES = ['targets', 'monthly-dispatch', 'quarterly-bulletin', 'assessment'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The endpoint of each report, under /api/v1. */
export const REPORT_PATHS: Record<ReportName, string> = {
  targets: '/statistics/targets',
  'monthly-dispatch': '/reports/monthly-dispatch',
  'quarterly-bulletin': '/reports/quarterly-bulletin',
  assessment: '/assessment',
};

/** Parameters a report's endpoint would refuse: each message names its parameter. */
export class ReportParametersError extends Error {
  override readonly name = 'ReportParametersError';
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

/** The parameters of a report, as its endpoint takes them (and the command line, as --year, --month, ...). */
export interface ReportParameters {
  year?: string;
  month?: string;
  quarter?: string;
  referenceDate?: string;
}

/** A report computed: the answer the api's endpoint gives as JSON, and its export document for CSV and xlsx. */
export interface ComputedReport<Report extends object = object> {
  report: Report;
  document(context: ExportContext): ExportDocument;
}

export interface ReportDefinition<Report extends object = object> {
  /** The read models it reads (their checkpoints stamp the export). */
  reads: string[];
  /** The parameters it cannot be computed without. */
  required: (keyof ReportParameters)[];
  /** The parameters it may also take; any other is not one of its parameters. */
  optional: (keyof ReportParameters)[];
  /**
   * Validates the parameters (ReportParametersError before any store is opened), then answers how to compute the
   * report from the read models. `now` is the report's "today" (the as-of instant when there is one); `dueDay` the
   * progress due day (ITP_PROGRESS_DUE_DAY) of the monthly dispatch. Computed with a key's `scope`, the report is
   * narrowed to what the key sees (scope-reports.ts); without one it is the province's.
   */
  prepare(
    parameters: ReportParameters,
    now: Date,
    dueDay: number,
  ): (readModels: ReadModels, scope?: ReadScope) => Promise<ComputedReport<Report>>;
}

/** The api's own query DTO and its class-validator rules: a value the endpoint would refuse is refused here. */
export function validated<T extends object>(dto: ClassConstructor<T>, raw: Record<string, unknown>): T {
  const instance = plainToInstance(dto, raw);
  const errors = validateSync(instance, { validationError: { target: false, value: false } });
  const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (messages.length > 0) throw new ReportParametersError(messages);
  return instance;
}

export const defined = (raw: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));

/** What a report reads of a project: all but its progress series, problems and suspensions. */
export const WITHOUT_SERIES = { progress: 0, problems: 0, suspensions: 0 } as const;

/** The projects counted toward a year's target, by id: what the bulletin and the assessment are computed from. */
const countedToward = (year: number, readModels: ReadModels) =>
  readModels
    .projects()
    .find({ targetYear: year, countsTowardTarget: true }, { sort: { _id: 1 }, projection: WITHOUT_SERIES });

/**
 * The four reports, each read from the read models and computed by the api's own pure report function
 * (apps/api/src/reports/**): one definition for its api endpoint (ReportAnswers), the command line (`itp report`),
 * publications and diffs, never a second implementation. The last three read with no scope, as an operator with the
 * data directory does, so a published report is the province's.
 */
export const REPORTS = {
  targets: {
    reads: [READ_MODEL.projects, READ_MODEL.investors, READ_MODEL.parks, READ_MODEL.rates],
    required: ['year'],
    optional: [],
    prepare(parameters) {
      const { year } = validated(YearQueryDto, defined({ year: parameters.year }));
      return async (readModels, scope) => {
        const [projects, investors, parks, rates] = await Promise.all([
          readModels
            .projects()
            .find(
              { $or: [{ targetYear: year, countsTowardTarget: true }, { 'xiangnan.qualifiesAsMajor': true }] },
              { sort: { registeredOn: 1, _id: 1 }, projection: WITHOUT_SERIES },
            ),
          readModels
            .investors()
            .find({ rankings: { $in: ['fortune_global_500', 'china_top_100'] } }, { sort: { name: 1, _id: 1 } }),
          readModels.parks().find({}, { sort: { name: 1, _id: 1 } }),
          readModels.rateTable(),
        ]);
        const computed = targetsReport(year, targetsFor(year), { projects, investors, parks, rates });
        const report =
          scope === undefined
            ? computed
            : scopeTargets(computed, scope, await targetsVisibleTo(scope, readModels, projects, computed));
        return { report, document: (context) => targetsExport(report, context) };
      };
    },
  },
  'monthly-dispatch': {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    required: ['month'],
    optional: ['referenceDate'],
    prepare(parameters, now, day) {
      const query = validated(
        MonthlyDispatchDto,
        defined({ month: parameters.month, referenceDate: parameters.referenceDate }),
      );
      const referenceDate =
        query.referenceDate ?? earlierOf(dispatchReferenceDate(query.month, day), shanghaiToday(now));
      return async (readModels, scope) => {
        const terms = dispatchTerms(query.month, await readModels.rateTable(), { referenceDate, dueDay: day });
        const { facts, report: computed } = await dispatchFromLibrary(readModels.projects(), terms);
        const report = scope === undefined ? computed : scopeDispatch(computed, scope, scope.visibleIds(facts));
        return { report, document: (context) => monthlyDispatchExport(report, context) };
      };
    },
  },
  'quarterly-bulletin': {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    required: ['quarter'],
    optional: [],
    prepare(parameters) {
      const query = validated(QuarterlyBulletinDto, defined({ quarter: parameters.quarter }));
      const { year } = quarterBounds(query.quarter);
      return async (readModels, scope) => {
        const [projects, rates] = await Promise.all([countedToward(year, readModels), readModels.rateTable()]);
        const computed = quarterlyBulletinReport(query.quarter, projects, rates);
        const report = scope === undefined ? computed : scopeBulletin(computed, scope, scope.visibleIds(projects));
        return { report, document: (context) => quarterlyBulletinExport(report, context) };
      };
    },
  },
  assessment: {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    required: ['year'],
    optional: [],
    prepare(parameters) {
      const { year } = validated(YearQueryDto, defined({ year: parameters.year }));
      return async (readModels, scope) => {
        const [projects, rates] = await Promise.all([countedToward(year, readModels), readModels.rateTable()]);
        const computed = assessmentReport(year, projects, rates);
        const report = scope === undefined ? computed : scopeAssessment(computed, scope, scope.visibleIds(projects));
        return { report, document: (context) => assessmentExport(report, context) };
      };
    },
  },
} satisfies Record<ReportName, ReportDefinition>;

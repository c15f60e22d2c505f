import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigurationError } from '@itp/platform';
import { assessmentExport } from '../../../api/src/reports/get-assessment/assessment.export';
import { assessmentReport } from '../../../api/src/reports/get-assessment/assessment.report';
import { targetsExport } from '../../../api/src/reports/get-targets/targets.export';
import { targetsReport } from '../../../api/src/reports/get-targets/targets.report';
import { targetsFor } from '../../../api/src/reports/get-targets/year-targets';
import { MonthlyDispatchDto } from '../../../api/src/reports/monthly-dispatch/monthly-dispatch.dto';
import { monthlyDispatchExport } from '../../../api/src/reports/monthly-dispatch/monthly-dispatch.export';
import {
  dispatchReferenceDate,
  monthlyDispatchReport,
} from '../../../api/src/reports/monthly-dispatch/monthly-dispatch.report';
import { QuarterlyBulletinDto } from '../../../api/src/reports/quarterly-bulletin/quarterly-bulletin.dto';
import { quarterlyBulletinExport } from '../../../api/src/reports/quarterly-bulletin/quarterly-bulletin.export';
import { quarterlyBulletinReport } from '../../../api/src/reports/quarterly-bulletin/quarterly-bulletin.report';
import type { ExportContext, ExportDocument } from '../../../api/src/shared/exports/export-model';
import { shanghaiToday } from '../../../api/src/shared/http/clock';
import { earlierOf, monthEnd, quarterBounds } from '../../../api/src/shared/queries/calendar';
import { progressDueDayFrom } from '../../../api/src/shared/queries/progress-due-day';
import { READ_MODEL, type ReadModels } from '../../../api/src/shared/queries/read-models';
import { YearQueryDto } from '../../../api/src/shared/queries/year-query.dto';
import { usageError } from '../shared/cli-errors';
import type { ReportName } from './report-names';

/** The parameters of a report, as given on the command line. */
export interface ReportParameters {
  year?: string;
  month?: string;
  quarter?: string;
  referenceDate?: string;
}

/** A report computed: the answer the api's endpoint gives as JSON, and its export document for CSV and xlsx. */
export interface ComputedReport {
  report: object;
  document(context: ExportContext): ExportDocument;
}

export interface ReportDefinition {
  /** The read models it reads (their checkpoints stamp the export). */
  reads: string[];
  /**
   * Validates the parameters (a usage error before any store is opened), then answers how to compute the report
   * from the read models.
   */
  prepare(parameters: ReportParameters, now: Date): (readModels: ReadModels) => Promise<ComputedReport>;
}

/** The api's own query DTO and its class-validator rules: a value the endpoint would refuse is refused here (exit 2). */
function validated<T extends object>(dto: ClassConstructor<T>, raw: Record<string, unknown>): T {
  const instance = plainToInstance(dto, raw);
  const errors = validateSync(instance, { validationError: { target: false, value: false } });
  const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (messages.length > 0) throw usageError(messages.map((m) => m.replace(/^(\w+)/, '--$1')).join('; '));
  return instance;
}

const defined = (raw: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));

const dueDay = (): number => {
  try {
    return progressDueDayFrom(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) throw usageError(error.message);
    throw error;
  }
};

/**
 * The four reports, each read from the read models with the same filters and sort as its api controller and
 * computed by the api's own pure report function (apps/api/src/reports/**): never a second implementation.
 * The command line reads with a province-wide scope ('*'), as an operator with the data directory does.
 */
export const REPORTS = {
  targets: {
    reads: [READ_MODEL.projects, READ_MODEL.investors, READ_MODEL.parks, READ_MODEL.rates],
    prepare(parameters) {
      const { year } = validated(YearQueryDto, defined({ year: parameters.year }));
      return async (readModels) => {
        const [projects, investors, parks, rates] = await Promise.all([
          readModels
            .projects()
            .find(
              { $or: [{ targetYear: year, countsTowardTarget: true }, { 'xiangnan.qualifiesAsMajor': true }] },
              { sort: { registeredOn: 1, _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
            ),
          readModels
            .investors()
            .find({ rankings: { $in: ['fortune_global_500', 'china_top_100'] } }, { sort: { name: 1, _id: 1 } }),
          readModels.parks().find({}, { sort: { name: 1, _id: 1 } }),
          readModels.rateTable(),
        ]);
        const report = targetsReport(year, targetsFor(year), { projects, investors, parks, rates });
        return { report, document: (context) => targetsExport(report, context) };
      };
    },
  },
  'monthly-dispatch': {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    prepare(parameters, now) {
      const query = validated(
        MonthlyDispatchDto,
        defined({ month: parameters.month, referenceDate: parameters.referenceDate }),
      );
      const day = dueDay();
      const referenceDate =
        query.referenceDate ?? earlierOf(dispatchReferenceDate(query.month, day), shanghaiToday(now));
      return async (readModels) => {
        const [projects, rates] = await Promise.all([
          readModels.projects().find({ signedOn: { $ne: null, $lte: monthEnd(query.month) } }, { sort: { _id: 1 } }),
          readModels.rateTable(),
        ]);
        const report = monthlyDispatchReport(query.month, projects, rates, { referenceDate, dueDay: day });
        return { report, document: (context) => monthlyDispatchExport(report, context) };
      };
    },
  },
  'quarterly-bulletin': {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    prepare(parameters) {
      const query = validated(QuarterlyBulletinDto, defined({ quarter: parameters.quarter }));
      const { year } = quarterBounds(query.quarter);
      return async (readModels) => {
        const [projects, rates] = await Promise.all([
          readModels
            .projects()
            .find(
              { targetYear: year, countsTowardTarget: true },
              { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
            ),
          readModels.rateTable(),
        ]);
        const report = quarterlyBulletinReport(query.quarter, projects, rates);
        return { report, document: (context) => quarterlyBulletinExport(report, context) };
      };
    },
  },
  assessment: {
    reads: [READ_MODEL.projects, READ_MODEL.rates],
    prepare(parameters) {
      const { year } = validated(YearQueryDto, defined({ year: parameters.year }));
      return async (readModels) => {
        const [projects, rates] = await Promise.all([
          readModels
            .projects()
            .find(
              { targetYear: year, countsTowardTarget: true },
              { sort: { _id: 1 }, projection: { progress: 0, problems: 0, suspensions: 0 } },
            ),
          readModels.rateTable(),
        ]);
        const report = assessmentReport(year, projects, rates);
        return { report, document: (context) => assessmentExport(report, context) };
      };
    },
  },
} satisfies Record<ReportName, ReportDefinition>;

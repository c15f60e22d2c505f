import { READ_MODEL } from '../../shared/queries/read-models';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { defined, validated, type ReportDefinition } from '../report-catalogue';
import { scopePromotion } from '../scope-reports';
import { promotionExport } from './promotion.export';
import { PROMOTION_FIELDS, promotionReport } from './promotion.report';

/**
 * 招商成效, read and computed as the catalogue's reports are, for its endpoint only: it is not in REPORTS, so the
 * command line, publications and diffs do not offer it.
 */
export const PROMOTION = {
  reads: [READ_MODEL.projects, READ_MODEL.rates],
  required: ['year'],
  optional: [],
  prepare(parameters) {
    const { year } = validated(YearQueryDto, defined({ year: parameters.year }));
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    return async (readModels, scope) => {
      // The store narrows to the projects with a figure in the year; the report applies the rules itself.
      const [projects, rates] = await Promise.all([
        readModels.projects().find(
          {
            $or: [
              { identifiedOn: { $gte: from, $lte: to } },
              { signedOn: { $gte: from, $lte: to } },
              { targetYear: year, countsTowardTarget: true },
            ],
          },
          { sort: { _id: 1 }, projection: PROMOTION_FIELDS },
        ),
        readModels.rateTable(),
      ]);
      const computed = promotionReport(year, projects, rates);
      const report = scope === undefined ? computed : scopePromotion(computed, scope, scope.visibleIds(projects));
      return { report, document: (context) => promotionExport(report, context) };
    };
  },
} satisfies ReportDefinition;

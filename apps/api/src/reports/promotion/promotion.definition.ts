import { READ_MODEL } from '../../shared/queries/read-models';
import { YearQueryDto } from '../../shared/queries/year-query.dto';
import { defined, validated, type ReportDefinition } from '../report-catalogue';
import { scopePromotion } from '../scope-reports';
import { promotionExport } from './promotion.export';
import { PROMOTION_FIELDS, promotionDerivation, promotionFilter, promotionFromEntries } from './promotion.report';

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
    return async (readModels, scope) => {
      // The store narrows to the projects with a figure in the year and gives each one's lines (again, while its
      // document stands); the report applies the rules itself.
      const rates = await readModels.rateTable();
      const perProject = await readModels
        .projects()
        .findDerived(
          promotionFilter(year),
          { sort: { _id: 1 }, projection: PROMOTION_FIELDS },
          promotionDerivation(year, rates),
        );
      const entries = perProject.flat();
      const computed = promotionFromEntries(year, entries);
      const report =
        scope === undefined
          ? computed
          : scopePromotion(computed, scope, scope.visibleIds(entries.map((e) => e.project)));
      return { report, document: (context) => promotionExport(report, context) };
    };
  },
} satisfies ReportDefinition;

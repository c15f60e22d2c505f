import { Inject, Injectable } from '@nestjs/common';
import type { RateTable } from '@itp/domain';
import {
  exchangeRatesProjection,
  investorLibraryProjection,
  parkLibraryProjection,
  problemsProjection,
  projectLibraryProjection,
  USD_CNY_DOCUMENT_ID,
  type ExchangeRatesDocument,
  type InvestorLibraryDocument,
  type ParkLibraryDocument,
  type ProblemDocument,
  type ProjectLibraryDocument,
} from '@itp/projections';
import { READ_STORE, type ReadStore } from '@itp/read-store';
import { deepFreeze } from '@itp/projections/as-of';

/** Projection names, as ProjectionFreshness.ensure wants them. */
export const READ_MODEL = {
  projects: projectLibraryProjection.name,
  investors: investorLibraryProjection.name,
  parks: parkLibraryProjection.name,
  rates: exchangeRatesProjection.name,
  problems: problemsProjection.name,
} as const;

/** Typed handles on the read models' collections: the only way the queries touch the read store. */
@Injectable()
export class ReadModels {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  projects() {
    return this.store.collection<ProjectLibraryDocument>(projectLibraryProjection.collection);
  }

  investors() {
    return this.store.collection<InvestorLibraryDocument>(investorLibraryProjection.collection);
  }

  parks() {
    return this.store.collection<ParkLibraryDocument>(parkLibraryProjection.collection);
  }

  problems() {
    return this.store.collection<ProblemDocument>(problemsProjection.collection);
  }

  /** The USD/CNY table in the domain's shape, so conversions use the domain's own rate lookup. */
  async rateTable(): Promise<RateTable> {
    const document = await this.store
      .collection<ExchangeRatesDocument>(exchangeRatesProjection.collection)
      .findOne({ _id: USD_CNY_DOCUMENT_ID });
    const rates = document?.rates ?? [];
    const key = rates.map(({ rate, effectiveOn }) => `${effectiveOn}=${rate}`).join(',');
    if (this.lastTable?.key !== key)
      this.lastTable = {
        key,
        table: deepFreeze({
          rates: rates.map(({ rate, effectiveOn }) => ({
            base: 'USD' as const,
            quote: 'CNY' as const,
            rate,
            effectiveOn,
          })),
        }),
      };
    return this.lastTable.table;
  }

  /**
   * The last table given, frozen, by its rates: the same table object while the rates stand, so that what is
   * remembered per table (the dispatch's entries, `dispatchEntry`) holds across queries.
   */
  private lastTable: { key: string; table: RateTable } | undefined;
}

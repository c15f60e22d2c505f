import Big from 'big.js';
import type { RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import type { StoredDocument } from '@itp/read-store';
import { cnyEquivalent } from '../../shared/queries/cny-equivalent';
import { view } from '../../shared/queries/query-answers';

/**
 * The CNY equivalent of a project's total investment (as it is now): at the rate in force on its business
 * registration date, or the latest rate when it is not registered yet.
 */
export const projectCny = (
  project: Pick<ProjectLibraryDocument, 'totalInvestment' | 'registeredOn'>,
  table: RateTable,
) => cnyEquivalent(project.totalInvestment, project.registeredOn, table);

export const projectItem = (project: StoredDocument<ProjectLibraryDocument>, table: RateTable) => ({
  ...view(project),
  totalInvestmentCny: projectCny(project, table),
});

type Sortable = Pick<ProjectLibraryDocument, '_id' | 'totalInvestment' | 'registeredOn'>;

/**
 * Orders projects by the CNY equivalent of their total investment (amounts in two currencies cannot be
 * sorted by the store). Projects whose amount cannot be converted come last either way; ties by id.
 */
export const sortByCny = <T extends Sortable>(projects: readonly T[], table: RateTable, direction: 1 | -1): T[] => {
  const keyed = projects.map((project) => {
    const cny = projectCny(project, table);
    return { project, amount: cny.amount === null ? null : new Big(cny.exact) };
  });
  keyed.sort((a, b) => {
    if (a.amount === null || b.amount === null) {
      if (a.amount !== b.amount) return a.amount === null ? 1 : -1;
    } else {
      const order = a.amount.cmp(b.amount) * direction;
      if (order !== 0) return order;
    }
    return a.project._id < b.project._id ? -1 : a.project._id > b.project._id ? 1 : 0;
  });
  return keyed.map((k) => k.project);
};

import type { InvestorLibraryDocument } from '@itp/projections';
import type { ReadScope } from './read-scope';
import type { ReadModels } from './read-models';

type InvestorProjects = Pick<InvestorLibraryDocument, 'projectIds' | 'registrations' | 'firstRegistration'>;

/**
 * The investor library is the province's (客商资源库): a city-scoped key reads every firm, but among a firm's
 * projects only those of its cities. The first registration keeps its date (it is what counts a ranked firm
 * province-wide) and loses another city's project id.
 */
export const scopeInvestor = <T extends InvestorProjects>(
  investor: T,
  visible: ReadonlySet<string> | null,
): Omit<T, 'firstRegistration'> & { firstRegistration: { projectId: string | null; registeredOn: string } | null } => {
  if (visible === null) return investor;
  return {
    ...investor,
    projectIds: investor.projectIds.filter((id) => visible.has(id)),
    registrations: investor.registrations.filter((r) => visible.has(r.projectId)),
    firstRegistration:
      investor.firstRegistration === null || visible.has(investor.firstRegistration.projectId)
        ? investor.firstRegistration
        : { ...investor.firstRegistration, projectId: null },
  };
};

/** Which of the investors' projects the scope sees; null when it sees them all. */
export const visibleInvestorProjects = async (
  readModels: ReadModels,
  scope: ReadScope,
  investors: readonly InvestorProjects[],
): Promise<ReadonlySet<string> | null> => {
  if (scope.provinceWide) return null;
  const ids = [...new Set(investors.flatMap((i) => [...i.projectIds, ...i.registrations.map((r) => r.projectId)]))];
  if (ids.length === 0) return new Set();
  const seen = await readModels
    .projects()
    .find({ _id: { $in: ids }, city: scope.cityCondition() }, { projection: { _id: 1 } });
  return new Set(seen.map((p) => p._id));
};

import type { ReadModels } from '../../shared/queries/read-models';
import type { ReadScope } from '../../shared/queries/read-scope';
import type { TargetsReport } from './targets.report';

/**
 * The projects a scoped key sees among those the targets report names: those read for it, and the firms' first
 * registrations, which may be projects it did not read (looked up in the key's cities).
 */
export async function targetsVisibleTo(
  scope: ReadScope,
  readModels: ReadModels,
  projects: readonly { _id: string; city: string }[],
  report: TargetsReport,
): Promise<Set<string>> {
  const visible = scope.visibleIds(projects);
  if (scope.provinceWide) return visible;
  const others = report.rankedFirms.investors.flatMap((i) =>
    i.firstRegistration?.projectId ? [i.firstRegistration.projectId] : [],
  );
  if (others.length === 0) return visible;
  const seen = await readModels
    .projects()
    .find({ _id: { $in: others }, city: scope.cityCondition() }, { projection: { _id: 1 } });
  for (const p of seen) visible.add(p._id);
  return visible;
}

import type { ReadFilter, SortSpec } from '@itp/read-store';
import { containsText } from '../../shared/queries/query-answers';
import type { ReadScope } from '../../shared/queries/read-scope';
import type { ListProjectsDto, ProjectSort } from './list-projects.dto';

/** The read-store filter of GET /projects: every given parameter narrows the list, and so does the caller's scope. */
export const projectFilter = (query: ListProjectsDto, scope: ReadScope): ReadFilter => {
  const filter: ReadFilter = {};
  const city = scope.cityCondition(query.city);
  if (city !== undefined) filter.city = city;
  if (query.stage !== undefined) filter.stage = query.stage;
  if (query.status !== undefined) filter.status = query.status;
  if (query.industry !== undefined) filter.industry = query.industry;
  if (query.capitalType !== undefined) filter.capitalType = query.capitalType;
  // Equality on an array field matches any element: the tag and the unit are in the project's sets.
  if (query.sourceRegion !== undefined) filter.sourceRegions = query.sourceRegion;
  if (query.introducingUnit !== undefined) filter.introducerUnits = query.introducingUnit;
  if (query.countsTowardTarget !== undefined) filter.countsTowardTarget = query.countsTowardTarget;
  if (query.q !== undefined && query.q.trim() !== '') filter.name = containsText(query.q.trim());
  return filter;
};

export type ParsedSort = {
  field: 'name' | 'registeredOn' | 'identifiedOn' | 'totalInvestment' | 'updatedAt';
  direction: 1 | -1;
};

export const parseSort = (sort: ProjectSort = 'name'): ParsedSort => ({
  field: sort.replace(/^-/, '') as ParsedSort['field'],
  direction: sort.startsWith('-') ? -1 : 1,
});

/** A total order for paging: ties broken by id. */
export const storeSort = ({ field, direction }: ParsedSort): SortSpec => ({ [field]: direction, _id: 1 });

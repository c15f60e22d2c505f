import { PROJECT_EVENTS } from '@itp/domain';
import type { Projection } from '../projection';
import type { ProjectLibraryDocument } from './project-library.document';
import { evolveProjectLibrary } from './project-library.evolve';

/** 项目库: one document per project, read by the project queries, the statistics and the reports. */
export const projectLibraryProjection: Projection<ProjectLibraryDocument> = {
  name: 'project-library',
  version: 1,
  collection: 'project_library',
  handles: new Set<string>(PROJECT_EVENTS.types),
  documentIds: (event) => [String(event.data.projectId)],
  evolve: evolveProjectLibrary,
  indexes: [
    // GET /projects filters (each alone; MongoDB intersects or filters the rest), GET /parks/{id}'s projects.
    { keys: { city: 1 } },
    { keys: { stage: 1 } },
    { keys: { status: 1 } },
    { keys: { industry: 1 } },
    { keys: { capitalType: 1 } },
    { keys: { sourceRegions: 1 } },
    { keys: { introducerUnits: 1 } },
    { keys: { parkId: 1 } },
    // The year's counted projects: targets, quarterly bulletin, assessment, GET /projects?countsTowardTarget.
    { keys: { targetYear: 1, countsTowardTarget: 1 } },
    { keys: { countsTowardTarget: 1 } },
    // The other branch of the targets' $or (Xiangnan major projects), and the monthly dispatch's signed projects.
    { keys: { 'xiangnan.qualifiesAsMajor': 1 } },
    { keys: { signedOn: 1 } },
    // GET /projects sorts: { <field>: ±1, _id: 1 }, both directions (name is the default).
    { keys: { name: 1, _id: 1 } },
    { keys: { name: -1, _id: 1 } },
    { keys: { registeredOn: 1, _id: 1 } },
    { keys: { registeredOn: -1, _id: 1 } },
    { keys: { identifiedOn: 1, _id: 1 } },
    { keys: { identifiedOn: -1, _id: 1 } },
    { keys: { updatedAt: 1, _id: 1 } },
    { keys: { updatedAt: -1, _id: 1 } },
  ],
};

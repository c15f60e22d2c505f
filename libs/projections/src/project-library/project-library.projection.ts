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
};

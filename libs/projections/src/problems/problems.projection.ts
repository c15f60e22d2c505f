import type { RecordedEvent } from '@itp/event-store';
import type { ProjectProblemRaised, ProjectProblemResolved } from '@itp/domain';
import type { Projection } from '../projection';
import { domainEvent } from '../shared/domain-event';
import { problemDocumentId, type ProblemDocument } from './problems.document';

type Handled = ProjectProblemRaised | ProjectProblemResolved;

const evolve = (document: ProblemDocument | null, recorded: RecordedEvent): ProblemDocument | null => {
  const event = domainEvent<Handled>(recorded);
  switch (event.type) {
    case 'ProjectProblemRaised': {
      const { projectId, problemId, title, description, assignedUnit, raisedOn } = event.data;
      return {
        _id: problemDocumentId(projectId, problemId),
        problemId,
        projectId,
        title,
        description,
        assignedUnit,
        raisedOn,
        status: 'open',
        resolvedOn: null,
        resolution: null,
        raisedAt: recorded.recordedAt,
        updatedAt: recorded.recordedAt,
      };
    }
    case 'ProjectProblemResolved': {
      if (document === null) return null; // the domain refuses to resolve an unknown problem
      const { resolvedOn, resolution } = event.data;
      return { ...document, status: 'resolved', resolvedOn, resolution, updatedAt: recorded.recordedAt };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown problem event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Joint-conference problems, one document each, for GET /problems. */
export const problemsProjection: Projection<ProblemDocument> = {
  name: 'problems',
  version: 1,
  collection: 'problems',
  handles: new Set<string>(['ProjectProblemRaised', 'ProjectProblemResolved'] satisfies Handled['type'][]),
  documentIds: (event) => [problemDocumentId(String(event.data.projectId), String(event.data.problemId))],
  evolve,
  indexes: [
    // GET /problems: by unit, by project, by status, oldest first. Its city filter goes through project_library.
    { keys: { raisedOn: 1, _id: 1 } },
    { keys: { assignedUnit: 1, raisedOn: 1 } },
    { keys: { projectId: 1 } },
    { keys: { status: 1, raisedOn: 1 } },
  ],
};

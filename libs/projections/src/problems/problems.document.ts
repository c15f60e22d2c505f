/**
 * One problem raised to the joint conference (联席会议, seed item 24). The project's city is not here: problem
 * events do not carry it and a projection cannot enumerate a project's problems when its city is amended, so
 * the problems query joins the city from the project library, where it is always current.
 */
export type ProblemDocument = {
  _id: string;
  _position?: number;
  problemId: string;
  projectId: string;
  title: string;
  description: string;
  assignedUnit: string;
  raisedOn: string;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
  resolution: string | null;
  raisedAt: string;
  updatedAt: string;
};

/** Problem ids are unique within a project; the document id makes them unique in the collection. */
export const problemDocumentId = (projectId: string, problemId: string): string => `${projectId}:${problemId}`;

import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class ResolveProblemCommand extends ProjectCommandMessage<'ResolveProblem'> {
  readonly type = 'ResolveProblem';
}
export const ResolveProblemHandler = projectCommandHandler(ResolveProblemCommand);

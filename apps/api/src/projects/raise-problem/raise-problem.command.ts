import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class RaiseProblemCommand extends ProjectCommandMessage<'RaiseProblem'> {
  readonly type = 'RaiseProblem';
}
export const RaiseProblemHandler = projectCommandHandler(RaiseProblemCommand);

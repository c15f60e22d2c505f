import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class SuspendProjectCommand extends ProjectCommandMessage<'SuspendProject'> {
  readonly type = 'SuspendProject';
}
export const SuspendProjectHandler = projectCommandHandler(SuspendProjectCommand);

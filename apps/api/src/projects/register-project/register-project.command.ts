import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class RegisterProjectCommand extends ProjectCommandMessage<'RegisterProject'> {
  readonly type = 'RegisterProject';
}
export const RegisterProjectHandler = projectCommandHandler(RegisterProjectCommand);

import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class AbandonProjectCommand extends ProjectCommandMessage<'AbandonProject'> {
  readonly type = 'AbandonProject';
}
export const AbandonProjectHandler = projectCommandHandler(AbandonProjectCommand);

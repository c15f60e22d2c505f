import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class AmendProjectDetailsCommand extends ProjectCommandMessage<'AmendProjectDetails'> {
  readonly type = 'AmendProjectDetails';
}
export const AmendProjectDetailsHandler = projectCommandHandler(AmendProjectDetailsCommand);

import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class ResumeProjectCommand extends ProjectCommandMessage<'ResumeProject'> {
  readonly type = 'ResumeProject';
}
export const ResumeProjectHandler = projectCommandHandler(ResumeProjectCommand);

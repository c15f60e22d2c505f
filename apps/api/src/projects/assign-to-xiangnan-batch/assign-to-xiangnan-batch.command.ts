import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class AssignToXiangnanBatchCommand extends ProjectCommandMessage<'AssignToXiangnanBatch'> {
  readonly type = 'AssignToXiangnanBatch';
}
export const AssignToXiangnanBatchHandler = projectCommandHandler(AssignToXiangnanBatchCommand);

import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class AdvanceProjectStageCommand extends ProjectCommandMessage<'AdvanceProjectStage'> {
  readonly type = 'AdvanceProjectStage';
}
export const AdvanceProjectStageHandler = projectCommandHandler(AdvanceProjectStageCommand);

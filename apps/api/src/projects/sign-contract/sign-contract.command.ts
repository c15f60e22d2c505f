import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class SignProjectContractCommand extends ProjectCommandMessage<'SignProjectContract'> {
  readonly type = 'SignProjectContract';
}
export const SignProjectContractHandler = projectCommandHandler(SignProjectContractCommand);

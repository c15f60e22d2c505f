import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class RecordBusinessRegistrationCommand extends ProjectCommandMessage<'RecordBusinessRegistration'> {
  readonly type = 'RecordBusinessRegistration';
}
export const RecordBusinessRegistrationHandler = projectCommandHandler(RecordBusinessRegistrationCommand);

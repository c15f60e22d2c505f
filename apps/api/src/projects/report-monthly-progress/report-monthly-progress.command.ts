import { ProjectCommandMessage, projectCommandHandler } from '../shared/project-command';

export class ReportMonthlyProgressCommand extends ProjectCommandMessage<'ReportMonthlyProgress'> {
  readonly type = 'ReportMonthlyProgress';
}
export const ReportMonthlyProgressHandler = projectCommandHandler(ReportMonthlyProgressCommand);

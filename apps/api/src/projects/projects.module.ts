import { Module } from '@nestjs/common';
import { AbandonProjectController } from './abandon-project/abandon-project.controller';
import { AdvanceStageController } from './advance-stage/advance-stage.controller';
import { AmendProjectDetailsController } from './amend-project-details/amend-project-details.controller';
import { AssignToXiangnanBatchController } from './assign-to-xiangnan-batch/assign-to-xiangnan-batch.controller';
import { ExecuteProjectCommandHandler } from './execute-project-command';
import { GetProjectHistoryController } from './get-project-history/get-project-history.controller';
import { GetProjectController } from './get-project/get-project.controller';
import { ListProblemsController } from './list-problems/list-problems.controller';
import { ListProjectsController } from './list-projects/list-projects.controller';
import { RaiseProblemController } from './raise-problem/raise-problem.controller';
import { RecordBusinessRegistrationController } from './record-business-registration/record-business-registration.controller';
import { RegisterProjectController } from './register-project/register-project.controller';
import { ReportMonthlyProgressController } from './report-monthly-progress/report-monthly-progress.controller';
import { ResolveProblemController } from './resolve-problem/resolve-problem.controller';
import { ResumeProjectController } from './resume-project/resume-project.controller';
import { SignProjectContractController } from './sign-contract/sign-contract.controller';
import { SuspendProjectController } from './suspend-project/suspend-project.controller';

/** The project context: one controller per use case, commands and queries alike, and the one command handler. */
@Module({
  controllers: [
    RegisterProjectController,
    AdvanceStageController,
    SignProjectContractController,
    RecordBusinessRegistrationController,
    ReportMonthlyProgressController,
    RaiseProblemController,
    ResolveProblemController,
    SuspendProjectController,
    ResumeProjectController,
    AbandonProjectController,
    AssignToXiangnanBatchController,
    AmendProjectDetailsController,
    ListProjectsController,
    // GET /projects/{id}/history before GET /projects/{id}, although the router tells them apart anyway.
    GetProjectHistoryController,
    GetProjectController,
    ListProblemsController,
  ],
  providers: [ExecuteProjectCommandHandler],
})
export class ProjectsModule {}

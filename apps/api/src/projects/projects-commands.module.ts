import { Module } from '@nestjs/common';
import { ProjectCommandRunner } from './shared/project-command';
import { AbandonProjectController } from './abandon-project/abandon-project.controller';
import { AbandonProjectHandler } from './abandon-project/abandon-project.command';
import { AdvanceStageController } from './advance-stage/advance-stage.controller';
import { AdvanceProjectStageHandler } from './advance-stage/advance-stage.command';
import { AmendProjectDetailsController } from './amend-project-details/amend-project-details.controller';
import { AmendProjectDetailsHandler } from './amend-project-details/amend-project-details.command';
import { AssignToXiangnanBatchController } from './assign-to-xiangnan-batch/assign-to-xiangnan-batch.controller';
import { AssignToXiangnanBatchHandler } from './assign-to-xiangnan-batch/assign-to-xiangnan-batch.command';
import { RaiseProblemController } from './raise-problem/raise-problem.controller';
import { RaiseProblemHandler } from './raise-problem/raise-problem.command';
import { RecordBusinessRegistrationController } from './record-business-registration/record-business-registration.controller';
import { RecordBusinessRegistrationHandler } from './record-business-registration/record-business-registration.command';
import { RegisterProjectController } from './register-project/register-project.controller';
import { RegisterProjectHandler } from './register-project/register-project.command';
import { ReportMonthlyProgressController } from './report-monthly-progress/report-monthly-progress.controller';
import { ReportMonthlyProgressHandler } from './report-monthly-progress/report-monthly-progress.command';
import { ResolveProblemController } from './resolve-problem/resolve-problem.controller';
import { ResolveProblemHandler } from './resolve-problem/resolve-problem.command';
import { ResumeProjectController } from './resume-project/resume-project.controller';
import { ResumeProjectHandler } from './resume-project/resume-project.command';
import { SignProjectContractController } from './sign-contract/sign-contract.controller';
import { SignProjectContractHandler } from './sign-contract/sign-contract.command';
import { SuspendProjectController } from './suspend-project/suspend-project.controller';
import { SuspendProjectHandler } from './suspend-project/suspend-project.command';

/** The project context's command side: one controller and one handler per use case. */
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
  ],
  providers: [
    ProjectCommandRunner,
    RegisterProjectHandler,
    AdvanceProjectStageHandler,
    SignProjectContractHandler,
    RecordBusinessRegistrationHandler,
    ReportMonthlyProgressHandler,
    RaiseProblemHandler,
    ResolveProblemHandler,
    SuspendProjectHandler,
    ResumeProjectHandler,
    AbandonProjectHandler,
    AssignToXiangnanBatchHandler,
    AmendProjectDetailsHandler,
  ],
})
export class ProjectsCommandsModule {}

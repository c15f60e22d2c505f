import { Module } from '@nestjs/common';
import { GetAssessmentController } from './assessment/get-assessment/get-assessment.controller';
import { ListAuditEventsController } from './audit/list-audit-events/list-audit-events.controller';
import { GetInvestorController } from './investors/get-investor/get-investor.controller';
import { ListInvestorsController } from './investors/list-investors/list-investors.controller';
import { GetParkController } from './parks/get-park/get-park.controller';
import { ListParksController } from './parks/list-parks/list-parks.controller';
import { ListProblemsController } from './problems/list-problems/list-problems.controller';
import { GetProjectHistoryController } from './projects/get-project-history/get-project-history.controller';
import { GetProjectController } from './projects/get-project/get-project.controller';
import { ListProjectsController } from './projects/list-projects/list-projects.controller';
import { MonthlyDispatchController } from './reports/monthly-dispatch/monthly-dispatch.controller';
import { QuarterlyBulletinController } from './reports/quarterly-bulletin/quarterly-bulletin.controller';
import { ReadModels } from './shared/read-models';
import { GetTargetsController } from './statistics/get-targets/get-targets.controller';

/**
 * The query side of the api: what reporting services and auditors read. Read models come from the read store
 * (READ_STORE) after ProjectionFreshness has waited for minPosition; history and the audit log come from the
 * event store itself. Both stores and ProjectionFreshness are provided globally by the app.
 */
@Module({
  controllers: [
    ListProjectsController,
    // GET /projects/{id}/history before GET /projects/{id}, although the router tells them apart anyway.
    GetProjectHistoryController,
    GetProjectController,
    ListAuditEventsController,
    ListInvestorsController,
    GetInvestorController,
    ListParksController,
    GetParkController,
    GetTargetsController,
    MonthlyDispatchController,
    QuarterlyBulletinController,
    GetAssessmentController,
    ListProblemsController,
  ],
  providers: [ReadModels],
})
export class QueriesModule {}

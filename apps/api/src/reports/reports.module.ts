import { Module } from '@nestjs/common';
import { ExportsModule } from '../shared/exports/exports.module';
import { ProgressFollowUpModule } from '../shared/queries/progress-follow-up.module';
import { ReportDiffController } from './diffs/report-diff.controller';
import { ReportAnswers } from './report-answers';
import { ReportDiffs } from './report-diffs';
import { GetAssessmentController } from './get-assessment/get-assessment.controller';
import { GetTargetsController } from './get-targets/get-targets.controller';
import { MonthlyDispatchController } from './monthly-dispatch/monthly-dispatch.controller';
import { PromotionController } from './promotion/promotion.controller';
import { QuarterlyBulletinController } from './quarterly-bulletin/quarterly-bulletin.controller';

/**
 * The work plan's reports: pure functions over the read models, computed at query time. Brings in (globally)
 * what the read side's lists share with them: the export stamp and the progress follow-up rule's configuration.
 */
@Module({
  imports: [ExportsModule, ProgressFollowUpModule],
  controllers: [
    GetTargetsController,
    MonthlyDispatchController,
    QuarterlyBulletinController,
    GetAssessmentController,
    PromotionController,
    ReportDiffController,
  ],
  providers: [ReportAnswers, ReportDiffs],
  exports: [ReportDiffs],
})
export class ReportsModule {}

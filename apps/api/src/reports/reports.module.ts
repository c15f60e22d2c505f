import { Module } from '@nestjs/common';
import { GetAssessmentController } from './get-assessment/get-assessment.controller';
import { GetTargetsController } from './get-targets/get-targets.controller';
import { MonthlyDispatchController } from './monthly-dispatch/monthly-dispatch.controller';
import { QuarterlyBulletinController } from './quarterly-bulletin/quarterly-bulletin.controller';

/** The work plan's reports: pure functions over the read models, computed at query time. */
@Module({
  controllers: [GetTargetsController, MonthlyDispatchController, QuarterlyBulletinController, GetAssessmentController],
})
export class ReportsModule {}

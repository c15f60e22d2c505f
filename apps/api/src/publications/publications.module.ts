import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { ProgressFollowUpModule } from '../shared/queries/progress-follow-up.module';
import { ExecutePublicationCommandHandler } from './execute-publication-command';
import { PublicationsController } from './publications.controller';
import { Publications } from './publications.service';

/** Published reports, frozen by hash and re-proven from the log (issue 11, item 3). */
@Module({
  imports: [ProgressFollowUpModule, ReportsModule],
  controllers: [PublicationsController],
  providers: [ExecutePublicationCommandHandler, Publications],
})
export class PublicationsModule {}

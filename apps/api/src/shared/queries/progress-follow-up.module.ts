import { Global, Module } from '@nestjs/common';
import { PROGRESS_DUE_DAY, progressDueDayFrom } from './progress-due-day';
import { StaleProjects } from './stale-projects';

/** The rule's configuration, for every query that lists stale projects and for the gauge of /metrics. */
@Global()
@Module({
  providers: [{ provide: PROGRESS_DUE_DAY, useFactory: () => progressDueDayFrom() }, StaleProjects],
  exports: [PROGRESS_DUE_DAY, StaleProjects],
})
export class ProgressFollowUpModule {}

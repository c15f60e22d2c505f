import { Module } from '@nestjs/common';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.controller';

/** The global log for auditors, served from the event store itself. */
@Module({
  controllers: [ListAuditEventsController],
})
export class AuditModule {}

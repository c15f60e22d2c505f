import { Module } from '@nestjs/common';
import { ExportCheckpointsController } from './export-checkpoints/export-checkpoints.controller';
import { GetSigningKeyController } from './get-signing-key/get-signing-key.controller';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.controller';
import { NotaryHost } from './notary/notary-host.service';
import { VerifyLogController } from './verify-log/verify-log.controller';

/** The global log for auditors, served from the event store itself, and its notary (ADR 0008). */
@Module({
  controllers: [ListAuditEventsController, VerifyLogController, ExportCheckpointsController, GetSigningKeyController],
  providers: [NotaryHost],
  exports: [NotaryHost],
})
export class AuditModule {}

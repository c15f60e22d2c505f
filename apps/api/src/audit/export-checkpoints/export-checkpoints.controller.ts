import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { CheckpointExport, SignedCheckpoint } from '@itp/event-store/notary';
import { Roles } from '@itp/platform';
import { ApiProblems, ApiQueryAnswer } from '../../shared/openapi/api-responses';
import { notaryProblems } from '../notary/notary-docs';
import { NotaryHost } from '../notary/notary-host.service';
import { CheckpointExportView, CheckpointSignedView } from '../notary/notary-views.dto';

/**
 * The signed checkpoints of the global chain, to be kept elsewhere (and published with reports): a copy held
 * outside the data directory is what detects a log whose tail was cut together with its newer checkpoints.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/checkpoints')
export class ExportCheckpointsController {
  constructor(private readonly notary: NotaryHost) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Every signed checkpoint, with the public key that verifies them (keep a copy)' })
  @ApiQueryAnswer(
    CheckpointExportView,
    '{ algorithm, keyId, publicKey, checkpoints }: post it to /audit/verification',
    {
      readScope: false,
    },
  )
  @ApiProblems(notaryProblems())
  async export(): Promise<CheckpointExport> {
    const key = this.notary.signingKey();
    return {
      algorithm: 'Ed25519',
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
      checkpoints: await this.notary.checkpoints(),
    };
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign a checkpoint of the head now (e.g. before publishing a report)' })
  @ApiExtraModels(CheckpointSignedView)
  @ApiResponse({
    status: 201,
    description: '{ checkpoint }: the checkpoint signed, or null when there was nothing new to sign',
    content: { 'application/json': { schema: { $ref: getSchemaPath(CheckpointSignedView) } } },
  })
  @ApiProblems(notaryProblems())
  async sign(): Promise<{ checkpoint: SignedCheckpoint | null }> {
    return { checkpoint: (await this.notary.checkpointNow()) ?? null };
  }
}

import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CheckpointExport, SignedCheckpoint } from '@itp/event-store/notary';
import { Roles } from '@itp/platform';
import { NotaryHost } from '../notary/notary-host.service';

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
  @ApiOkResponse({ description: '{ algorithm, keyId, publicKey, checkpoints }: post it to /audit/verification' })
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
  async sign(): Promise<{ checkpoint: SignedCheckpoint | null }> {
    return { checkpoint: (await this.notary.checkpointNow()) ?? null };
  }
}

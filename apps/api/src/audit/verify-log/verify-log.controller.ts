import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChainVerification } from '@itp/event-store/notary';
import { Roles } from '@itp/platform';
import { CheckpointExportDto } from '../export-checkpoints/checkpoint-export.dto';
import { NotaryHost } from '../notary/notary-host.service';

const ANSWER =
  '{ valid, scope, events, head, streams, globalChain, checkpoints, firstBreak }: firstBreak names the stream and revision, or the position, where history stops holding';

/** The whole log verified on demand: every stream's chain, the global chain, every signed checkpoint. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/v1/audit/verification')
export class VerifyLogController {
  constructor(private readonly notary: NotaryHost) {}

  @Get()
  @ApiOperation({ summary: 'Verify the whole log: per-stream chains, the global chain, checkpoint signatures' })
  @ApiOkResponse({ description: ANSWER })
  verify(): Promise<ChainVerification> {
    return this.notary.verifyWhole();
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verify the whole log, and also against checkpoints exported earlier (GET /audit/checkpoints) and kept elsewhere',
  })
  @ApiOkResponse({ description: ANSWER })
  verifyAgainst(@Body() body: CheckpointExportDto): Promise<ChainVerification> {
    return this.notary.verifyWhole(body.checkpoints);
  }
}

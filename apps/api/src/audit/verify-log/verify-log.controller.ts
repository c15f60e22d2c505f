import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChainVerification } from '@itp/event-store/notary';
import { Roles } from '@itp/platform';
import { CheckpointExportDto } from '../export-checkpoints/checkpoint-export.dto';
import { ApiProblems, ApiQueryAnswer, BODY_PROBLEMS } from '../../shared/openapi/api-responses';
import { notaryProblems } from '../notary/notary-docs';
import { NotaryHost } from '../notary/notary-host.service';
import { LogVerificationView } from '../notary/notary-views.dto';

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
  @ApiQueryAnswer(LogVerificationView, ANSWER, { readScope: false })
  @ApiProblems(notaryProblems())
  verify(): Promise<ChainVerification> {
    return this.notary.verifyWhole();
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verify the whole log, and also against checkpoints exported earlier (GET /audit/checkpoints) and kept elsewhere',
  })
  @ApiQueryAnswer(LogVerificationView, ANSWER, { readScope: false })
  @ApiProblems(
    notaryProblems({
      400: 'Invalid body: problem details naming every bad field (each checkpoint as GET /audit/checkpoints gives it)',
      ...BODY_PROBLEMS,
    }),
  )
  verifyAgainst(@Body() body: CheckpointExportDto): Promise<ChainVerification> {
    return this.notary.verifyWhole(body.checkpoints);
  }
}

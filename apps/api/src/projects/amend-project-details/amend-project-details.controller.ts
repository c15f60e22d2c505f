import { Body, HttpCode, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { namingBodyFields } from '../../shared/http/body-field-names';
import { ExecuteProjectCommand } from '../execute-project-command';
import { COMMON_HEADERS, ERRORS, ProjectCommandController } from '../project-command-routes';
import { AmendProjectDetailsDto } from './amend-project-details.dto';

@ProjectCommandController()
export class AmendProjectDetailsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend details (investment, name, industry, introducers...), with a mandatory reason' })
  @ApiResponse({ status: 200, description: '{ id, revision, position }, with ETag' })
  @(COMMON_HEADERS[1])
  @(ERRORS[0])
  amend(
    @Param('id') id: string,
    @Body() body: AmendProjectDetailsDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { reason, promotionEvent, ...changes } = body;
    const data = {
      projectId: id,
      recordedOn: context.recordedOn,
      reason,
      changes: {
        ...changes,
        ...(promotionEvent !== undefined
          ? {
              promotionEvent:
                promotionEvent === null ? null : { id: promotionEvent.id, name: promotionEvent.name ?? null },
            }
          : {}),
      },
    };
    return namingBodyFields(
      sendCommand(
        this.commandBus,
        new ExecuteProjectCommand({ type: 'AmendProjectDetails', data }, context),
        reply,
        200,
      ),
    );
  }
}

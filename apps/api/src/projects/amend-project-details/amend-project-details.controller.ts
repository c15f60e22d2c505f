import { Body, HttpCode, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { namingBodyFields } from '../../shared/http/body-field-names';
import { COMMON_HEADERS, ERRORS, ProjectCommandController } from '../shared/project-command.controller-decorators';
import { AmendProjectDetailsDto } from './amend-project-details.dto';
import { AmendProjectDetailsCommand } from './amend-project-details.command';

@ProjectCommandController()
export class AmendProjectDetailsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend details (investment, name, industry, introducers...), with a mandatory reason' })
  @ApiResponse({ status: 200, description: '{ id, revision, position }, with ETag' })
  @(COMMON_HEADERS[1])
  @(ERRORS[0])
  async amend(@Param('id') id: string, @Body() body: AmendProjectDetailsDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { reason, promotionEvent, ...changes } = body;
    const data = {
      reason,
      changes: {
        ...changes,
        ...(promotionEvent !== undefined ? { promotionEvent: promotionEvent === null ? null : { id: promotionEvent.id, name: promotionEvent.name ?? null } } : {}),
      },
    };
    const result = await namingBodyFields(this.commandBus.execute<AmendProjectDetailsCommand, CommandResult>(new AmendProjectDetailsCommand(id, data, context)));
    return answerCommand(reply, result, 200);
  }
}

import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteParkCommand } from '../execute-park-command';
import { ParkCommandController } from '../park-command-routes';
import { RecordFactoryCompletionDto } from './record-factory-completion.dto';

@ParkCommandController()
export class RecordFactoryCompletionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/factory-completions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record completed standard factory floor area (m²)' })
  complete(
    @Param('id') id: string,
    @Body() body: RecordFactoryCompletionDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'RecordStandardFactoryCompletion',
      data: { ...body, parkId: id, recordedOn: context.recordedOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteParkCommand(command, context), reply, 201);
  }
}

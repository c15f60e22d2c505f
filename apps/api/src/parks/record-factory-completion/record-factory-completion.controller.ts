import { Body, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { ExecuteParkCommand } from '../execute-park-command';
import { ParkCommandController } from '../park-command-routes';
import { RecordFactoryCompletionDto } from './record-factory-completion.dto';

@ParkCommandController()
export class RecordFactoryCompletionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/factory-completions')
  @HttpCode(201)
  @CommandDocs({
    summary: 'Record completed standard factory floor area (m²)',
    status: 201,
    path: ':id',
    problems: {
      403: "The key's role may not send commands, or the park's city is outside the key's scope",
      404: 'Unknown park',
      409: "Not allowed in the park's current state, or a concurrent modification",
    },
  })
  complete(
    @IdParam('id') id: string,
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

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
import { UpgradeParkDto } from './upgrade-park.dto';

@ParkCommandController()
export class UpgradeParkController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/upgrades')
  @HttpCode(200)
  @CommandDocs({
    summary: 'Upgrade a park to a higher level, with its approval date',
    status: 200,
    path: ':id',
    problems: {
      403: "The key's role may not send commands, or the park's city is outside the key's scope",
      404: 'Unknown park',
      409: "Not allowed in the park's current state, or a concurrent modification",
    },
  })
  upgrade(
    @IdParam('id') id: string,
    @Body() body: UpgradeParkDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'UpgradePark', data: { ...body, parkId: id, recordedOn: context.recordedOn } } as const;
    return sendCommand(this.commandBus, new ExecuteParkCommand(command, context), reply, 200);
  }
}

import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteParkCommand } from '../execute-park-command';
import { ParkCommandController } from '../park-command-routes';
import { UpgradeParkDto } from './upgrade-park.dto';

@ParkCommandController()
export class UpgradeParkController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/upgrades')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upgrade a park to a higher level, with its approval date' })
  upgrade(
    @Param('id') id: string,
    @Body() body: UpgradeParkDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'UpgradePark', data: { ...body, parkId: id, recordedOn: context.recordedOn } } as const;
    return sendCommand(this.commandBus, new ExecuteParkCommand(command, context), reply, 200);
  }
}

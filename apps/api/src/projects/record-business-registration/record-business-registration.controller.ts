import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { RecordBusinessRegistrationDto } from './record-business-registration.dto';
import { RecordBusinessRegistrationCommand } from './record-business-registration.command';

@ProjectCommandController()
export class RecordBusinessRegistrationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/business-registration', 'Record that business registration completed (完成工商注册)')
  async handle(@Param('id') id: string, @Body() body: RecordBusinessRegistrationDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<RecordBusinessRegistrationCommand, CommandResult>(new RecordBusinessRegistrationCommand(id, { registeredOn: body.registeredOn }, context));
    return answerCommand(reply, result, 200);
  }
}

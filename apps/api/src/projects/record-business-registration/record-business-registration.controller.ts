import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { RecordBusinessRegistrationDto } from './record-business-registration.dto';

@ProjectCommandController()
export class RecordBusinessRegistrationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/business-registration', 'Record that business registration completed (完成工商注册)')
  handle(
    @IdParam('id') id: string,
    @Body() body: RecordBusinessRegistrationDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'RecordBusinessRegistration',
      data: { projectId: id, recordedOn: context.recordedOn, registeredOn: body.registeredOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

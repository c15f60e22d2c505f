import { Body, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { ExecuteProjectCommand } from '../execute-project-command';
import { ProjectCommandController, ProjectCommandRoute } from '../project-command-routes';
import { SignProjectContractDto } from './sign-contract.dto';

@ProjectCommandController()
export class SignProjectContractController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/contract', 'Sign the contract (签约)')
  handle(
    @IdParam('id') id: string,
    @Body() body: SignProjectContractDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = {
      type: 'SignProjectContract',
      data: { projectId: id, recordedOn: context.recordedOn, signedOn: body.signedOn },
    } as const;
    return sendCommand(this.commandBus, new ExecuteProjectCommand(command, context), reply, 200);
  }
}

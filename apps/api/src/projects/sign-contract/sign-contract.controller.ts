import { Body, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { answerCommand } from '../../shared/http/command-response';
import { ProjectCommandController, ProjectCommandRoute } from '../shared/project-command.controller-decorators';
import { SignProjectContractDto } from './sign-contract.dto';
import { SignProjectContractCommand } from './sign-contract.command';

@ProjectCommandController()
export class SignProjectContractController {
  constructor(private readonly commandBus: CommandBus) {}

  @ProjectCommandRoute(':id/contract', 'Sign the contract (签约)')
  async handle(@Param('id') id: string, @Body() body: SignProjectContractDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<SignProjectContractCommand, CommandResult>(new SignProjectContractCommand(id, { signedOn: body.signedOn }, context));
    return answerCommand(reply, result, 200);
  }
}

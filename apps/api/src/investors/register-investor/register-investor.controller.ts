import { Body, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { newAggregateId } from '../../shared/http/command-request';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { ExecuteInvestorCommand } from '../execute-investor-command';
import { InvestorCommandController } from '../investor-command-routes';
import { RegisterInvestorDto } from './register-investor.dto';

@InvestorCommandController()
export class RegisterInvestorController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @CommandDocs({
    summary: 'Register an investor (客商)',
    status: 201,
    problems: {
      403: "The key's role may not send commands",
      409: 'It already exists (a reused Idempotency-Key on another body is a 422)',
    },
  })
  register(
    @Body() body: RegisterInvestorDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = {
      ...body,
      investorId: newAggregateId(context),
      recordedOn: context.recordedOn,
      registeredByUnit: context.principal.unit,
      unifiedSocialCreditCode: body.unifiedSocialCreditCode ?? null,
    };
    return sendCommand(
      this.commandBus,
      new ExecuteInvestorCommand({ type: 'RegisterInvestor', data }, context),
      reply,
      201,
    );
  }
}

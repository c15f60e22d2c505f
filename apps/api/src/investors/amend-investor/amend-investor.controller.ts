import { Body, HttpCode, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { namingBodyFields } from '../../shared/http/body-field-names';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { ExecuteInvestorCommand } from '../execute-investor-command';
import { InvestorCommandController } from '../investor-command-routes';
import { AmendInvestorDto } from './amend-investor.dto';

@InvestorCommandController()
export class AmendInvestorController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @HttpCode(200)
  @CommandDocs({
    summary: 'Amend an investor, with a mandatory reason (admins, or keys of the unit that registered it)',
    status: 200,
    path: ':id',
    problems: {
      403: "The key's role may not send commands, or it is not of the unit that registered the investor",
      404: 'Unknown investor',
      409: 'A concurrent modification',
    },
  })
  amend(
    @IdParam('id') id: string,
    @Body() body: AmendInvestorDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { reason, ...changes } = body;
    const command = {
      type: 'AmendInvestorDetails',
      data: { investorId: id, recordedOn: context.recordedOn, reason, changes },
    } as const;
    return namingBodyFields(sendCommand(this.commandBus, new ExecuteInvestorCommand(command, context), reply, 200));
  }
}

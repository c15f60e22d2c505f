import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@itp/platform';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { ExecuteExchangeRatesCommand } from '../execute-exchange-rates-command';
import { SetExchangeRateDto } from './set-exchange-rate.dto';

@ApiTags('exchange rates')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/exchange-rates')
export class SetExchangeRateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @CommandDocs({
    summary: 'Set the USD/CNY rate effective from a date (admin)',
    status: 201,
    problems: {
      403: 'Only an admin key sets exchange rates',
      409: 'A concurrent modification',
      422: 'A domain rule refuses it (rule-violation: replacing a rate already set needs a reason), or an Idempotency-Key reused with another body',
    },
  })
  set(
    @Body() body: SetExchangeRateDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = { type: 'SetExchangeRate', data: { ...body, recordedOn: context.recordedOn } } as const;
    return sendCommand(this.commandBus, new ExecuteExchangeRatesCommand(command, context), reply, 201);
  }
}

import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EXCHANGE_RATES_STREAM_ID, exchangeRatesDecider, type SetExchangeRate } from '@itp/domain';
import { Roles } from '@itp/platform';
import { AggregateCommandMessage } from '../shared/command-execution/aggregate-command';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';
import { SetExchangeRateDto } from './set-exchange-rate.dto';
import { CLOCK, shanghaiToday, type Clock } from '../shared/http/clock';
import { CommandCtx } from '../shared/http/command-context.decorator';
import { answerCommand } from '../shared/http/command-response';

export class SetExchangeRateCommand extends AggregateCommandMessage<Omit<SetExchangeRate['data'], 'recordedOn'>> {}

/** The dated USD/CNY table is one stream, maintained by admins; conversions name the rate they used. */
@CommandHandler(SetExchangeRateCommand)
export class SetExchangeRateHandler implements ICommandHandler<SetExchangeRateCommand, CommandResult> {
  constructor(private readonly executor: EventSourcedCommandExecutor, @Inject(CLOCK) private readonly clock: Clock) {}

  execute(message: SetExchangeRateCommand): Promise<CommandResult> {
    const command: SetExchangeRate = { type: 'SetExchangeRate', data: { ...message.data, recordedOn: shanghaiToday(this.clock()) } };
    return this.executor.execute({ id: EXCHANGE_RATES_STREAM_ID, streamId: EXCHANGE_RATES_STREAM_ID, decider: exchangeRatesDecider, command, decideContext: undefined, context: message.context });
  }
}

@ApiTags('exchange rates')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/exchange-rates')
export class SetExchangeRateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Set the USD/CNY rate effective from a date (admin)' })
  async set(@Body() body: SetExchangeRateDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<SetExchangeRateCommand, CommandResult>(new SetExchangeRateCommand(EXCHANGE_RATES_STREAM_ID, { ...body }, context));
    return answerCommand(reply, result, 201);
  }
}

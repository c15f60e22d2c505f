import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  EXCHANGE_RATE_EVENTS,
  EXCHANGE_RATES_STREAM_ID,
  exchangeRatesDecider,
  type ExchangeRateCommand,
} from '@itp/domain';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** Any command on the dated USD/CNY table, as the domain types it, with the context of its request. */
export class ExecuteExchangeRatesCommand {
  constructor(
    readonly command: ExchangeRateCommand,
    readonly context: CommandContext,
  ) {}
}

/** The table is one stream, maintained by admins; conversions name the rate they used. */
@CommandHandler(ExecuteExchangeRatesCommand)
export class ExecuteExchangeRatesCommandHandler implements ICommandHandler<ExecuteExchangeRatesCommand, CommandResult> {
  constructor(private readonly executor: EventSourcedCommandExecutor) {}

  execute({ command, context }: ExecuteExchangeRatesCommand): Promise<CommandResult> {
    return this.executor.execute({
      id: EXCHANGE_RATES_STREAM_ID,
      streamId: EXCHANGE_RATES_STREAM_ID,
      decider: exchangeRatesDecider,
      events: EXCHANGE_RATE_EVENTS,
      command,
      decideContext: undefined,
      context,
    });
  }
}

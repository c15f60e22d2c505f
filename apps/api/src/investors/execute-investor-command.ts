import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { INVESTOR_EVENTS, investorDecider, investorStreamId, type InvestorCommand } from '@itp/domain';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** Any investor command, as the domain types it, with the context of its request. */
export class ExecuteInvestorCommand {
  constructor(
    readonly command: InvestorCommand,
    readonly context: CommandContext,
  ) {}
}

/** Investors are province-wide (客商资源库): no city scope applies to them. */
@CommandHandler(ExecuteInvestorCommand)
export class ExecuteInvestorCommandHandler implements ICommandHandler<ExecuteInvestorCommand, CommandResult> {
  constructor(private readonly executor: EventSourcedCommandExecutor) {}

  execute({ command, context }: ExecuteInvestorCommand): Promise<CommandResult> {
    const { investorId } = command.data;
    return this.executor.execute({
      id: investorId,
      streamId: investorStreamId(investorId),
      decider: investorDecider,
      events: INVESTOR_EVENTS,
      command,
      decideContext: undefined,
      context,
    });
  }
}

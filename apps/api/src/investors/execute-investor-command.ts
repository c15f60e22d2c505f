import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { INVESTOR_EVENTS, investorDecider, investorStreamId, type Investor, type InvestorCommand } from '@itp/domain';
import type { Principal } from '@itp/platform';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { UnitScopeError } from '../shared/command-execution/command-errors';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** Any investor command, as the domain types it, with the context of its request. */
export class ExecuteInvestorCommand {
  constructor(
    readonly command: InvestorCommand,
    readonly context: CommandContext,
  ) {}
}

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
      authorize: (state) => authorizeInvestorCommand(context.principal, state, command),
    });
  }
}

/**
 * Investors are province-wide (客商资源库): any integration key may register one and every project may name it.
 * Changing one is kept to the unit that registered it (its `registeredByUnit`) and to admins.
 */
export const authorizeInvestorCommand = (principal: Principal, state: Investor, command: InvestorCommand): void => {
  if (command.type !== 'AmendInvestorDetails' || state.status !== 'registered' || principal.role === 'admin') return;
  if (principal.unit !== state.registeredByUnit)
    throw new UnitScopeError('investor', state.investorId, state.registeredByUnit, principal.unit);
};

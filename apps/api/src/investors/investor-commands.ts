import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { investorDecider, investorStreamId, type AmendInvestorDetails, type InvestorCommand, type RegisterInvestor } from '@itp/domain';
import { AggregateCommandMessage } from '../shared/command-execution/aggregate-command';
import type { CommandResult } from '../shared/command-execution/command-context';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';
import { CLOCK, shanghaiToday, type Clock } from '../shared/http/clock';

type DataOf<C extends InvestorCommand> = Omit<C['data'], 'investorId' | 'recordedOn'>;

export class RegisterInvestorCommand extends AggregateCommandMessage<DataOf<RegisterInvestor>> {}
export class AmendInvestorDetailsCommand extends AggregateCommandMessage<DataOf<AmendInvestorDetails>> {}

/** Investors are province-wide (客商资源库): no city scope applies to them. */
abstract class InvestorCommandHandler {
  constructor(private readonly executor: EventSourcedCommandExecutor, @Inject(CLOCK) private readonly clock: Clock) {}

  protected run(message: AggregateCommandMessage<object>, type: InvestorCommand['type']): Promise<CommandResult> {
    const command = { type, data: { ...message.data, investorId: message.aggregateId, recordedOn: shanghaiToday(this.clock()) } } as unknown as InvestorCommand;
    return this.executor.execute({
      id: message.aggregateId,
      streamId: investorStreamId(message.aggregateId),
      decider: investorDecider,
      command,
      decideContext: undefined,
      context: message.context,
    });
  }
}

@CommandHandler(RegisterInvestorCommand)
export class RegisterInvestorHandler extends InvestorCommandHandler implements ICommandHandler<RegisterInvestorCommand, CommandResult> {
  execute(message: RegisterInvestorCommand) {
    return this.run(message, 'RegisterInvestor');
  }
}

@CommandHandler(AmendInvestorDetailsCommand)
export class AmendInvestorDetailsHandler extends InvestorCommandHandler implements ICommandHandler<AmendInvestorDetailsCommand, CommandResult> {
  execute(message: AmendInvestorDetailsCommand) {
    return this.run(message, 'AmendInvestorDetails');
  }
}

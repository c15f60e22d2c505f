import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { investorDecider, investorStreamId, type AmendInvestorDetails, type Investor, type InvestorCommand, type InvestorEvent, type RegisterInvestor } from '@itp/domain';
import { AggregateCommandHandler, AggregateCommandMessage } from '../shared/command-execution/aggregate-command';
import type { CommandResult } from '../shared/command-execution/command-context';

type DataOf<C extends InvestorCommand> = Omit<C['data'], 'investorId' | 'recordedOn'>;

export class RegisterInvestorCommand extends AggregateCommandMessage<DataOf<RegisterInvestor>> {}
export class AmendInvestorDetailsCommand extends AggregateCommandMessage<DataOf<AmendInvestorDetails>> {}

/** Investors are province-wide (客商资源库): no city scope applies to them. */
abstract class InvestorCommandHandler extends AggregateCommandHandler<InvestorCommand, InvestorEvent, Investor> {
  protected readonly decider = investorDecider;
  protected readonly idField = 'investorId';
  protected streamId = investorStreamId;
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

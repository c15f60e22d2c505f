import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parkDecider, parkStreamId, type Park, type ParkCommand, type ParkEvent, type RecordStandardFactoryCompletion, type RegisterPark, type UpgradePark } from '@itp/domain';
import { mayActOnCity, type Principal } from '@itp/platform';
import { AggregateCommandHandler, AggregateCommandMessage } from '../shared/command-execution/aggregate-command';
import type { CommandResult } from '../shared/command-execution/command-context';
import { CityScopeError } from '../shared/command-execution/command-errors';

type DataOf<C extends ParkCommand> = Omit<C['data'], 'parkId' | 'recordedOn'>;

export class RegisterParkCommand extends AggregateCommandMessage<DataOf<RegisterPark>> {}
export class UpgradeParkCommand extends AggregateCommandMessage<DataOf<UpgradePark>> {}
export class RecordStandardFactoryCompletionCommand extends AggregateCommandMessage<DataOf<RecordStandardFactoryCompletion>> {}

/** Parks belong to a city: an integration key acts only on the parks of its cities. */
abstract class ParkCommandHandler extends AggregateCommandHandler<ParkCommand, ParkEvent, Park> {
  protected readonly decider = parkDecider;
  protected readonly idField = 'parkId';
  protected streamId = parkStreamId;

  protected override beforeDecide(state: Park, command: ParkCommand, principal: Principal): void {
    const city = state.status === 'registered' ? state.city : command.type === 'RegisterPark' ? command.data.city : undefined;
    if (city !== undefined && !mayActOnCity(principal, city)) throw new CityScopeError(city, principal.unit);
  }
}

@CommandHandler(RegisterParkCommand)
export class RegisterParkHandler extends ParkCommandHandler implements ICommandHandler<RegisterParkCommand, CommandResult> {
  execute(message: RegisterParkCommand) {
    return this.run(message, 'RegisterPark');
  }
}

@CommandHandler(UpgradeParkCommand)
export class UpgradeParkHandler extends ParkCommandHandler implements ICommandHandler<UpgradeParkCommand, CommandResult> {
  execute(message: UpgradeParkCommand) {
    return this.run(message, 'UpgradePark');
  }
}

@CommandHandler(RecordStandardFactoryCompletionCommand)
export class RecordStandardFactoryCompletionHandler extends ParkCommandHandler implements ICommandHandler<RecordStandardFactoryCompletionCommand, CommandResult> {
  execute(message: RecordStandardFactoryCompletionCommand) {
    return this.run(message, 'RecordStandardFactoryCompletion');
  }
}

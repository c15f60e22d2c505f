import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PARK_EVENTS, parkDecider, parkStreamId, type Park, type ParkCommand } from '@itp/domain';
import { mayActOnCity, type Principal } from '@itp/platform';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { CityScopeError } from '../shared/command-execution/command-errors';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** Any park command, as the domain types it, with the context of its request. */
export class ExecuteParkCommand {
  constructor(
    readonly command: ParkCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteParkCommand)
export class ExecuteParkCommandHandler implements ICommandHandler<ExecuteParkCommand, CommandResult> {
  constructor(private readonly executor: EventSourcedCommandExecutor) {}

  execute({ command, context }: ExecuteParkCommand): Promise<CommandResult> {
    const { parkId } = command.data;
    return this.executor.execute({
      id: parkId,
      streamId: parkStreamId(parkId),
      decider: parkDecider,
      events: PARK_EVENTS,
      command,
      decideContext: undefined,
      context,
      authorize: (state) => authorizeParkCommand(context.principal, state, command),
    });
  }
}

/** Parks belong to a city: an integration key acts only on the parks of its cities. */
export const authorizeParkCommand = (principal: Principal, state: Park, command: ParkCommand): void => {
  const city =
    state.status === 'registered' ? state.city : command.type === 'RegisterPark' ? command.data.city : undefined;
  if (city !== undefined && !mayActOnCity(principal, city)) throw new CityScopeError(city, principal.unit);
};

import { Inject, Injectable, type Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { emptyRateTable, PROJECT_COMMANDS_NEEDING_RATES, projectDecider, projectStreamId, type Project, type ProjectCommand } from '@itp/domain';
import { mayActOnCity } from '@itp/platform';
import type { CommandContext, CommandResult } from '../../shared/command-execution/command-context';
import { CityScopeError } from '../../shared/command-execution/command-errors';
import { EventSourcedCommandExecutor } from '../../shared/command-execution/event-sourced-command-executor';
import { ReferenceChecker } from '../../shared/command-execution/reference-checker';
import { CLOCK, shanghaiToday, type Clock } from '../../shared/http/clock';

type ProjectCommandType = ProjectCommand['type'];
/** What a controller supplies: the command's data without the id and the recording date the handler adds. */
export type ProjectCommandData<T extends ProjectCommandType> = Omit<Extract<ProjectCommand, { type: T }>['data'], 'projectId' | 'recordedOn'>;

/** The message a controller sends on the CommandBus for a project command. */
export abstract class ProjectCommandMessage<T extends ProjectCommandType> {
  abstract readonly type: T;
  constructor(readonly projectId: string, readonly data: ProjectCommandData<T>, readonly context: CommandContext) {}
}

/**
 * Runs any project command: adds today's date, checks references and the caller's city scope, reads the
 * rate table when the decision needs it, then read-fold-decide-append through the executor.
 */
@Injectable()
export class ProjectCommandRunner {
  constructor(
    private readonly executor: EventSourcedCommandExecutor,
    private readonly references: ReferenceChecker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<T extends ProjectCommandType>(message: ProjectCommandMessage<T>): Promise<CommandResult> {
    const command = { type: message.type, data: { ...message.data, projectId: message.projectId, recordedOn: shanghaiToday(this.clock()) } } as unknown as ProjectCommand;
    const exchangeRates = PROJECT_COMMANDS_NEEDING_RATES.includes(command.type) ? await this.references.exchangeRates() : emptyRateTable();
    const { principal } = message.context;
    return this.executor.execute({
      id: message.projectId,
      streamId: projectStreamId(message.projectId),
      decider: projectDecider,
      command,
      decideContext: { exchangeRates },
      context: message.context,
      beforeDecide: async (state: Project) => {
        const currentCity = state.status === 'absent' ? undefined : state.details.city;
        for (const city of [currentCity, ...citiesNamedBy(command)]) {
          if (city !== undefined && !mayActOnCity(principal, city)) throw new CityScopeError(city, principal.unit);
        }
        await this.checkReferences(command, currentCity);
      },
    });
  }

  private async checkReferences(command: ProjectCommand, currentCity: string | undefined): Promise<void> {
    if (command.type === 'RegisterProject') {
      await this.references.requireInvestor(command.data.investorId, 'investorId');
      if (command.data.parkId) await this.references.requirePark(command.data.parkId, 'parkId', command.data.city);
    }
    if (command.type === 'AmendProjectDetails') {
      const { investorId, parkId, city } = command.data.changes;
      if (investorId) await this.references.requireInvestor(investorId, 'changes.investorId');
      const projectCity = city ?? currentCity;
      if (parkId && projectCity) await this.references.requirePark(parkId, 'changes.parkId', projectCity);
    }
  }
}

/** Cities a command would put the project in: a key must be scoped to them too. */
const citiesNamedBy = (command: ProjectCommand): string[] => {
  if (command.type === 'RegisterProject') return [command.data.city];
  if (command.type === 'AmendProjectDetails' && command.data.changes.city) return [command.data.changes.city];
  return [];
};

/** One Nest handler class per command type, all running through the same runner. */
export function projectCommandHandler<M extends ProjectCommandMessage<ProjectCommandType>>(messageType: Type<M>): Type<{ execute(message: M): Promise<CommandResult> }> {
  @CommandHandler(messageType)
  class Handler {
    constructor(readonly runner: ProjectCommandRunner) {}
    execute(message: M): Promise<CommandResult> {
      return this.runner.run(message);
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${messageType.name}Handler` });
  return Handler;
}

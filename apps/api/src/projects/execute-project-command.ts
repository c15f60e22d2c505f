import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  PROJECT_EVENTS,
  projectDecider,
  projectStreamId,
  readsOf,
  type Project,
  type ProjectCommand,
} from '@itp/domain';
import { mayActOnCity, type Principal } from '@itp/platform';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { CityScopeError } from '../shared/command-execution/command-errors';
import { DecisionContextReader } from '../shared/command-execution/decision-context-reader';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** Any project command, as the domain types it, with the context of its request. */
export class ExecuteProjectCommand {
  constructor(
    readonly command: ProjectCommand,
    readonly context: CommandContext,
  ) {}
}

/** The one handler of project commands: reads what the decision needs, then read-fold-decide-append. */
@CommandHandler(ExecuteProjectCommand)
export class ExecuteProjectCommandHandler implements ICommandHandler<ExecuteProjectCommand, CommandResult> {
  constructor(
    private readonly executor: EventSourcedCommandExecutor,
    private readonly reader: DecisionContextReader,
  ) {}

  async execute({ command, context }: ExecuteProjectCommand): Promise<CommandResult> {
    const { projectId } = command.data;
    return this.executor.execute({
      id: projectId,
      streamId: projectStreamId(projectId),
      decider: projectDecider,
      events: PROJECT_EVENTS,
      command,
      decideContext: await this.reader.forProject(readsOf(command)),
      context,
      authorize: (state) => authorizeProjectCommand(context.principal, state, command),
    });
  }
}

/** A key acts on the project's city, and on any city the command would move the project to. */
export const authorizeProjectCommand = (principal: Principal, state: Project, command: ProjectCommand): void => {
  const currentCity = state.status === 'absent' ? undefined : state.details.city;
  const movedTo =
    command.type === 'RegisterProject'
      ? command.data.city
      : command.type === 'AmendProjectDetails'
        ? command.data.changes.city
        : undefined;
  for (const city of [currentCity, movedTo]) {
    if (city !== undefined && !mayActOnCity(principal, city)) throw new CityScopeError(city, principal.unit);
  }
};

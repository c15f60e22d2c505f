import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PUBLICATION_EVENTS, PUBLICATIONS_STREAM_ID, publicationsDecider, type PublicationCommand } from '@itp/domain';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { EventSourcedCommandExecutor } from '../shared/command-execution/event-sourced-command-executor';

/** A command on the publications register, with the context of its request. */
export class ExecutePublicationCommand {
  constructor(
    readonly command: PublicationCommand,
    readonly context: CommandContext,
  ) {}
}

/** The register is one stream: every publication one event, chained like every stream. */
@CommandHandler(ExecutePublicationCommand)
export class ExecutePublicationCommandHandler implements ICommandHandler<ExecutePublicationCommand, CommandResult> {
  constructor(private readonly executor: EventSourcedCommandExecutor) {}

  execute({ command, context }: ExecutePublicationCommand): Promise<CommandResult> {
    return this.executor.execute({
      id: command.data.publicationId,
      streamId: PUBLICATIONS_STREAM_ID,
      decider: publicationsDecider,
      events: PUBLICATION_EVENTS,
      command,
      decideContext: undefined,
      context,
    });
  }
}

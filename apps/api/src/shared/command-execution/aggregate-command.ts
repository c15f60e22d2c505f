import type { CommandContext } from './command-context';

/** The message a controller sends on the CommandBus: the aggregate it addresses, the command's data, the context. */
export abstract class AggregateCommandMessage<Data> {
  constructor(readonly aggregateId: string, readonly data: Data, readonly context: CommandContext) {}
}

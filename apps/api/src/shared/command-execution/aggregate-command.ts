import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '@itp/domain';
import type { Principal } from '@itp/platform';
import { CLOCK, shanghaiToday, type Clock } from '../http/clock';
import type { CommandContext, CommandResult } from './command-context';
import { EventSourcedCommandExecutor } from './event-sourced-command-executor';

/** The message a controller sends on the CommandBus: the aggregate it addresses, the command's data, the context. */
export abstract class AggregateCommandMessage<Data> {
  constructor(readonly aggregateId: string, readonly data: Data, readonly context: CommandContext) {}
}

type DomainMessage = { readonly type: string; readonly data: Record<string, unknown> };

/**
 * Base of the handlers of aggregates without decision context (investors, parks): adds the aggregate id and
 * today's date to the controller's data, then read-fold-decide-append through the executor.
 */
@Injectable()
export abstract class AggregateCommandHandler<C extends DomainMessage, E extends DomainMessage, S> {
  protected abstract readonly decider: Decider<C, E, S, undefined>;
  /** The name of the id field in the domain command's data, e.g. 'investorId'. */
  protected abstract readonly idField: string;
  protected abstract streamId(aggregateId: string): string;
  /** Checks on the folded state before deciding, e.g. city scope; throws to refuse. */
  protected beforeDecide(_state: S, _command: C, _principal: Principal): void {}

  constructor(private readonly executor: EventSourcedCommandExecutor, @Inject(CLOCK) private readonly clock: Clock) {}

  protected run(message: AggregateCommandMessage<object>, type: C['type']): Promise<CommandResult> {
    const data = { ...message.data, [this.idField]: message.aggregateId, recordedOn: shanghaiToday(this.clock()) };
    const command = { type, data } as unknown as C;
    return this.executor.execute({
      id: message.aggregateId,
      streamId: this.streamId(message.aggregateId),
      decider: this.decider,
      command,
      decideContext: undefined,
      context: message.context,
      beforeDecide: (state: S) => this.beforeDecide(state, command, message.context.principal),
    });
  }
}

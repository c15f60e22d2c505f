import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { CommandResult } from '../command-execution/command-context';

export interface CommandAnswer {
  id: string;
  revision: number;
  position: number;
}

/** The answer of every command: its aggregate id, the stream revision now current (also as ETag) and the global position. */
export function answerCommand(
  reply: FastifyReply,
  result: CommandResult,
  status: 200 | 201,
  extra: Record<string, unknown> = {},
): CommandAnswer {
  void reply.status(status).header('ETag', `"${result.revision}"`);
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return { id: result.id, revision: result.revision, position: result.position, ...extra };
}

/** What every command route does after building its command: send it on the bus, answer its result. */
export async function sendCommand(
  bus: CommandBus,
  message: ICommand,
  reply: FastifyReply,
  status: 200 | 201,
  extra: Record<string, unknown> = {},
): Promise<CommandAnswer> {
  return answerCommand(reply, await bus.execute<ICommand, CommandResult>(message), status, extra);
}

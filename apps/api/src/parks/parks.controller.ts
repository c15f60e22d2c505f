import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@itp/platform';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { CommandCtx } from '../shared/http/command-context.decorator';
import { answerCommand } from '../shared/http/command-response';
import { newAggregateId } from '../shared/http/command-request';
import { RecordFactoryCompletionDto, RegisterParkDto, UpgradeParkDto } from './park.dto';
import { RecordStandardFactoryCompletionCommand, RegisterParkCommand, UpgradeParkCommand } from './park-commands';

@ApiTags('park commands')
@ApiBearerAuth()
@Roles('admin', 'integration')
@Controller('api/v1/parks')
export class ParksCommandController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a park' })
  async register(@Body() body: RegisterParkDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = { ...body, levelApprovedOn: body.levelApprovedOn ?? null };
    const result = await this.commandBus.execute<RegisterParkCommand, CommandResult>(new RegisterParkCommand(newAggregateId(context), data, context));
    return answerCommand(reply, result, 201);
  }

  @Post(':id/upgrades')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upgrade a park to a higher level, with its approval date' })
  async upgrade(@Param('id') id: string, @Body() body: UpgradeParkDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<UpgradeParkCommand, CommandResult>(new UpgradeParkCommand(id, { ...body }, context));
    return answerCommand(reply, result, 200);
  }

  @Post(':id/factory-completions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record completed standard factory floor area (m²)' })
  async completeFactory(@Param('id') id: string, @Body() body: RecordFactoryCompletionDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute<RecordStandardFactoryCompletionCommand, CommandResult>(new RecordStandardFactoryCompletionCommand(id, { ...body }, context));
    return answerCommand(reply, result, 201);
  }
}

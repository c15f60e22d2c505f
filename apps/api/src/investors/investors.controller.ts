import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@itp/platform';
import type { CommandContext, CommandResult } from '../shared/command-execution/command-context';
import { CommandCtx } from '../shared/http/command-context.decorator';
import { answerCommand } from '../shared/http/command-response';
import { newAggregateId } from '../shared/http/command-request';
import { namingBodyFields } from '../shared/http/body-field-names';
import { AmendInvestorDto, RegisterInvestorDto } from './investor.dto';
import { AmendInvestorDetailsCommand, RegisterInvestorCommand } from './investor-commands';

@ApiTags('investor commands')
@ApiBearerAuth()
@Roles('admin', 'integration')
@Controller('api/v1/investors')
export class InvestorsCommandController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an investor (客商)' })
  async register(@Body() body: RegisterInvestorDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = { ...body, unifiedSocialCreditCode: body.unifiedSocialCreditCode ?? null };
    const result = await this.commandBus.execute<RegisterInvestorCommand, CommandResult>(new RegisterInvestorCommand(newAggregateId(context), data, context));
    return answerCommand(reply, result, 201);
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend an investor, with a mandatory reason' })
  async amend(@Param('id') id: string, @Body() body: AmendInvestorDto, @CommandCtx() context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const { reason, ...changes } = body;
    const result = await namingBodyFields(this.commandBus.execute<AmendInvestorDetailsCommand, CommandResult>(new AmendInvestorDetailsCommand(id, { reason, changes }, context)));
    return answerCommand(reply, result, 200);
  }
}

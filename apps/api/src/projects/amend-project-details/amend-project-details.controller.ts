import { Body, HttpCode, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../../shared/dto/id-param';
import type { CommandContext } from '../../shared/command-execution/command-context';
import { CommandCtx } from '../../shared/http/command-context.decorator';
import { sendCommand } from '../../shared/http/command-response';
import { namingBodyFields } from '../../shared/http/body-field-names';
import { ExecuteProjectCommand } from '../execute-project-command';
import { CommandDocs } from '../../shared/openapi/api-responses';
import { PROJECT_PROBLEMS, ProjectCommandController } from '../project-command-routes';
import { AmendProjectDetailsDto } from './amend-project-details.dto';

@ProjectCommandController()
export class AmendProjectDetailsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @HttpCode(200)
  @CommandDocs({
    summary: 'Amend details (investment, name, industry, introducers...), with a mandatory reason',
    status: 200,
    path: ':id',
    problems: PROJECT_PROBLEMS,
  })
  amend(
    @IdParam('id') id: string,
    @Body() body: AmendProjectDetailsDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { reason, promotionEvent, ...changes } = body;
    const data = {
      projectId: id,
      recordedOn: context.recordedOn,
      reason,
      changes: {
        ...changes,
        ...(promotionEvent !== undefined
          ? {
              promotionEvent:
                promotionEvent === null ? null : { id: promotionEvent.id, name: promotionEvent.name ?? null },
            }
          : {}),
      },
    };
    return namingBodyFields(
      sendCommand(
        this.commandBus,
        new ExecuteProjectCommand({ type: 'AmendProjectDetails', data }, context),
        reply,
        200,
      ),
    );
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PUBLISHABLE_REPORTS } from '@itp/domain';
import { problem, ProblemException, Roles } from '@itp/platform';
import type { CommandContext } from '../shared/command-execution/command-context';
import { CommandCtx } from '../shared/http/command-context.decorator';
import { newAggregateId } from '../shared/http/command-request';
import { answerCommand } from '../shared/http/command-response';
import type { CommandResult } from '../shared/command-execution/command-context';
import { CurrentReadScope, type ReadScope } from '../shared/queries/read-scope';
import { CommandDocs } from '../shared/openapi/api-responses';
import { QueryErrors } from '../shared/queries/query-docs.decorators';
import { ExecutePublicationCommand } from './execute-publication-command';
import { PublishReportDto } from './publication.dto';
import { Publications } from './publications.service';

const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const PARAMETERS = { type: 'object', additionalProperties: { type: 'string' } } as const;
const PUBLICATION_SCHEMA = {
  type: 'object',
  properties: {
    publicationId: { type: 'string' },
    report: { type: 'string', enum: [...PUBLISHABLE_REPORTS] },
    parameters: PARAMETERS,
    position: { type: 'integer', minimum: 0 },
    positionRecordedAt: { type: 'string', format: 'date-time', nullable: true },
    sha256: SHA256,
    publishedOn: { type: 'string', format: 'date' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: {
      type: 'object',
      properties: { actor: { type: 'string' }, unit: { type: 'string' }, role: { type: 'string' } },
    },
    event: {
      type: 'object',
      properties: { streamId: { type: 'string' }, revision: { type: 'integer' }, position: { type: 'integer' } },
    },
  },
};
const VERIFICATION_SCHEMA = {
  type: 'object',
  properties: {
    publicationId: { type: 'string' },
    report: { type: 'string', enum: [...PUBLISHABLE_REPORTS] },
    parameters: PARAMETERS,
    position: { type: 'integer', minimum: 0 },
    publishedSha256: SHA256,
    recomputedSha256: SHA256,
    verified: { type: 'boolean' },
    chains: {
      type: 'object',
      description:
        '{ valid: true, streams, events } or { valid: false, broken: { streamId, revision, eventId, position, reason } }',
      properties: {
        valid: { type: 'boolean' },
        streams: { type: 'integer' },
        events: { type: 'integer' },
        broken: {
          type: 'object',
          properties: {
            streamId: { type: 'string' },
            revision: { type: 'integer' },
            eventId: { type: 'string' },
            position: { type: 'integer' },
            reason: { type: 'string' },
          },
        },
      },
    },
    current: {
      type: 'object',
      properties: {
        position: { type: 'integer', minimum: 0 },
        sha256: SHA256,
        sameAsPublished: { type: 'boolean' },
        eventsAttributed: {
          type: 'boolean',
          description:
            'With changes: false when more than ITP_DIFF_MAX_EVENTS events were recorded since the publication; the ' +
            'changes are then listed without their events (ask the report diff for narrower windows)',
        },
        changes: {
          type: 'array',
          description: 'Each changed figure: a JSON Pointer into the report, its old and its new value (absent: none)',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string' },
              old: {},
              new: {},
              events: {
                type: 'array',
                description: 'The events recorded after the publication that changed this figure',
                items: {
                  type: 'object',
                  properties: {
                    position: { type: 'integer' },
                    streamId: { type: 'string' },
                    revision: { type: 'integer' },
                    type: { type: 'string' },
                    recordedAt: { type: 'string', format: 'date-time' },
                    actor: { type: 'string' },
                    unit: { type: 'string' },
                    reason: { type: 'string', nullable: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

@ApiTags('publications')
@ApiBearerAuth()
@Controller('api/v1/publications')
export class PublicationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly publications: Publications,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @CommandDocs({
    summary:
      'Publish a report (admin): computed at the head of the event log, frozen by the SHA-256 of its RFC 8785 canonical ' +
      'JSON in an event of the `publications` stream, with its parameters and the position it was computed at. ' +
      'Answers { id, revision, position, publicationId, report, parameters, computedAt, sha256 }',
    status: 201,
    problems: {
      400: 'An unknown report, or parameters its endpoint would refuse (each named, as parameters.<name>)',
      403: 'Only an admin key publishes',
      409: 'A concurrent publication',
      422:
        'A parameter the chosen report needs is missing (rule-violation, each named as parameters.<name>: year for targets ' +
        'and assessment, month for monthly-dispatch, quarter for quarterly-bulletin), or one it does not take (referenceDate is ' +
        "the dispatch's only optional one); or an Idempotency-Key reused with another body",
    },
  })
  async publish(
    @Body() body: PublishReportDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const parameters = Object.fromEntries(Object.entries(body.parameters).filter(([, value]) => value !== undefined));
    const computed = await this.publications.compute(body.report, parameters);
    const publicationId = newAggregateId(context, 'publication');
    const command = {
      type: 'PublishReport',
      data: {
        publicationId,
        report: body.report,
        parameters: computed.parameters,
        position: computed.position,
        positionRecordedAt: computed.positionRecordedAt,
        sha256: computed.sha256,
        recordedOn: context.recordedOn,
      },
    } as const;
    const result = await this.commandBus.execute<ExecutePublicationCommand, CommandResult>(
      new ExecutePublicationCommand(command, context),
    );
    // A retry (same Idempotency-Key) recomputed the report at today's head: it answers what was recorded, not that.
    const recorded = result.replayed ? await this.publications.find(publicationId) : undefined;
    return answerCommand(reply, result, 201, {
      publicationId,
      report: body.report,
      parameters: recorded?.parameters ?? computed.parameters,
      computedAt: recorded?.position ?? computed.position,
      sha256: recorded?.sha256 ?? computed.sha256,
    });
  }

  @Get()
  @Roles('reporter', 'auditor', 'admin')
  @ApiOperation({
    summary:
      'The published reports, oldest first: report, parameters, the position computed at, the SHA-256, who published and when',
  })
  @ApiOkResponse({
    description: '{ items: [...], total }',
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: PUBLICATION_SCHEMA },
        total: { type: 'integer', minimum: 0 },
      },
    },
  })
  @QueryErrors()
  async list() {
    const items = await this.publications.list();
    return { items, total: items.length };
  }

  @Get(':id/verification')
  @Roles('reporter', 'auditor', 'admin')
  @ApiOperation({
    summary:
      'Re-proves a publication: every hash chain up to the position it was computed at (the first broken event named), ' +
      'the report recomputed from the log up to there (no snapshot trusted) against the published SHA-256; and, when ' +
      "today's report differs, every figure that changed since (path, old, new) with the events recorded after the publication that changed it",
  })
  @ApiOkResponse({
    description:
      '{ publicationId, report, parameters, position, publishedSha256, recomputedSha256, verified, chains, current }',
    schema: VERIFICATION_SCHEMA,
  })
  @QueryErrors({ notFound: 'Unknown publication' })
  verify(@Param('id') id: string, @CurrentReadScope() scope: ReadScope) {
    // Its changes since publication name projects, streams, actors and reasons of every city (ADR 0009).
    if (!scope.provinceWide)
      throw new ProblemException(
        problem(403, 'forbidden-city', "City outside the key's scope", {
          detail: 'A publication is re-proven over the whole province: it needs a key scoped to all cities ("*").',
        }),
      );
    return this.publications.verify(id);
  }
}

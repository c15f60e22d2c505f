import { applyDecorators, Controller, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { CommandDocs, type ErrorStatus } from '../shared/openapi/api-responses';
import type { CommandAnswerDto } from '../shared/openapi/command-answer.dto';

/** Every project command endpoint: integration clients and admins only, under /api/v1/projects. */
export const ProjectCommandController = () =>
  applyDecorators(
    ApiTags('project commands'),
    ApiBearerAuth(),
    Roles('admin', 'integration'),
    Controller('api/v1/projects'),
  );

/** The problems of a command on an existing project. */
export const PROJECT_PROBLEMS: Partial<Record<ErrorStatus, string>> = {
  403: "The key's role may not send commands, or the project's city is outside the key's scope",
  404: 'Unknown project (or problem)',
  409: 'Illegal transition (naming the current stage and the rule), or a concurrent modification',
};

/** A POST that records a command on an existing project (200) or creates something (201). */
export const ProjectCommandRoute = (
  path: string,
  summary: string,
  status: 200 | 201 = 200,
  options: { answer?: Type<CommandAnswerDto>; problems?: Partial<Record<ErrorStatus, string>> } = {},
) =>
  applyDecorators(
    Post(path),
    HttpCode(status),
    CommandDocs({
      summary,
      status,
      path,
      answer: options.answer,
      problems: options.problems ?? PROJECT_PROBLEMS,
    }),
  );

import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** One bad field of a refused request, named as the client sent it (`totalInvestment.amount`, `introducers[1].share`). */
@ApiSchema({ name: 'ProblemFieldError' })
export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'The field, dotted for objects and with brackets for array items, or a header name' })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it' })
  message!: string;
}

/**
 * RFC 9457 problem details: every error of the HTTP API is answered in this shape, as `application/problem+json`.
 * Problems may carry extension members (e.g. `currentStage` and `rule` on an illegal transition, `minPosition`
 * and `projections` on a lagging read model): clients must ignore the members they do not know.
 */
@ApiSchema({
  name: 'ProblemDetails',
  description:
    'RFC 9457 problem details (application/problem+json). Extension members may follow, e.g. `currentStage` and `rule` (409 ' +
    'illegal transition), `expectedRevision` and `currentRevision` (412), `minPosition` and `projections` (503), `minPosition` and `head` (422 position-beyond-head), `kind` and `id` (404).',
  additionalProperties: true,
} as never)
export class ProblemDetailsDto {
  @ApiProperty({
    format: 'uri',
    description: 'Identifies the problem type: https://itp.hunan.gov.cn/problems/<slug>',
    example: 'https://itp.hunan.gov.cn/problems/invalid-input',
  })
  type!: string;

  @ApiProperty({ description: 'Short summary of the problem type', example: 'Invalid input' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code', example: 400 })
  status!: number;

  @ApiPropertyOptional({ description: 'What went wrong with this request, for a human' })
  detail?: string;

  @ApiPropertyOptional({ description: 'The request target the problem occurred on' })
  instance?: string;

  @ApiPropertyOptional({
    type: [ProblemFieldErrorDto],
    description: 'For an invalid request (400): every bad field, with what is wrong with it',
  })
  errors?: ProblemFieldErrorDto[];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** What every command answers: the aggregate it acted on, the stream revision now current and the global position. */
@ApiSchema({ name: 'CommandAnswer' })
export class CommandAnswerDto {
  @ApiProperty({
    description: 'The id of the aggregate (project, investor, park, exchange-rate table) the command acted on',
  })
  id!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The revision of its stream now (also sent as ETag: "<revision>"; send it back as If-Match)',
    example: 3,
  })
  revision!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The global position of the last event appended: pass it to a query as minPosition to read your write',
    example: 42,
  })
  position!: number;
}

/** A problem raised to the joint conference: the command answer and the new problem's id. */
@ApiSchema({ name: 'ProblemRaisedAnswer' })
export class ProblemRaisedAnswerDto extends CommandAnswerDto {
  @ApiProperty({ description: 'The id of the problem raised, for POST /projects/{id}/problems/{problemId}/resolution' })
  problemId!: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

/** minPosition is accepted for uniformity: the event store is always current. */
export class GetProjectHistoryDto extends FreshQueryDto {
  @ApiPropertyOptional({
    description: 'ISO-8601 instant: the history as it stood then (events recorded at or before it)',
    example: '2014-06-30T16:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

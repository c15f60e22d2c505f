import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../shared/dto/common.dto';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

/** minPosition is accepted for uniformity: the event store is always current. */
export class GetProjectHistoryDto extends FreshQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'RFC 3339 instant: the history as it stood then (events recorded at or before it)',
    example: '2014-06-30T16:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

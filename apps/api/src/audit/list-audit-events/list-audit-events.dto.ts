import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant, MAX_POSITION, QueryInteger } from '../../shared/dto/common.dto';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

export const MAX_AUDIT_LIMIT = 500;

/** minPosition is accepted for uniformity: the event store is always current. */
export class ListAuditEventsDto extends FreshQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Recorded at or after this instant (RFC 3339, e.g. 2014-06-30T16:00:00Z)',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Recorded at or before this instant (RFC 3339, e.g. 2014-06-30T16:00:00Z)',
  })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: "The actor named in the events' metadata" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'The unit of the API key that recorded them' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ description: 'One stream, e.g. project-<id>' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streamId?: string;

  @ApiPropertyOptional({ description: 'Event type, e.g. ProjectBusinessRegistered' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @QueryInteger({
    min: 0,
    max: MAX_POSITION,
    description: "Cursor: events after this global position (the previous answer's nextCursor)",
  })
  after?: number;

  @QueryInteger({ min: 1, max: MAX_AUDIT_LIMIT, default: 100 })
  limit?: number;
}

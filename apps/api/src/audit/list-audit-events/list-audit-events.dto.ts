import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

export const MAX_AUDIT_LIMIT = 500;

/** minPosition is accepted for uniformity: the event store is always current. */
export class ListAuditEventsDto extends FreshQueryDto {
  @ApiPropertyOptional({ description: 'Recorded at or after this ISO-8601 instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before this ISO-8601 instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
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

  @ApiPropertyOptional({ description: "Cursor: events after this global position (the previous answer's nextCursor)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUDIT_LIMIT, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_LIMIT)
  limit?: number;
}

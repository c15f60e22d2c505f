import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsInstant, IsLocalDate } from '../../shared/dto/common.dto';
import { DATE_PATTERN } from '../../shared/openapi/api-properties';

/** The two recorded instants a diff compares. */
export class DiffWindowDto {
  @ApiProperty({
    format: 'date-time',
    example: '2015-01-05T00:00:00+08:00',
    description: 'The earlier recorded instant (RFC 3339): the report as of it is the old side',
  })
  @IsInstant()
  from!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2015-06-01T00:00:00+08:00',
    description: "The later recorded instant (RFC 3339), not after the server's clock: the new side",
  })
  @IsInstant()
  to!: string;
}

export class YearDiffDto extends DiffWindowDto {
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, example: 2014, description: 'Calendar year' })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;
}

export class QuarterDiffDto extends DiffWindowDto {
  @ApiProperty({ pattern: '^(19|20|21)[0-9]{2}-Q[1-4]$', example: '2014-Q2', description: 'YYYY-Qn, 1900-2199' })
  @Matches(/^(19|20|21)\d{2}-Q[1-4]$/, { message: 'quarter must be a quarter YYYY-Qn, e.g. 2014-Q2' })
  quarter!: string;
}

export class MonthDiffDto extends DiffWindowDto {
  @ApiProperty({ pattern: '^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$', example: '2014-06', description: 'YYYY-MM' })
  @Matches(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({
    format: 'date',
    pattern: DATE_PATTERN,
    description:
      'YYYY-MM-DD the stale projects are judged on, on both sides (default: the default of the report as of `to`)',
  })
  @IsOptional()
  @IsLocalDate()
  referenceDate?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { DATE_PATTERN } from '../../shared/openapi/api-properties';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { AsOfQueryDto } from '../../shared/queries/as-of-query.dto';

const MONTH_QUERY_PATTERN = '^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$';

export class MonthlyDispatchDto extends AsOfQueryDto {
  @ApiProperty({ pattern: MONTH_QUERY_PATTERN, example: '2014-06', description: 'YYYY-MM, 1900-2199' })
  @Matches(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({
    format: 'date',
    pattern: DATE_PATTERN,
    description:
      'YYYY-MM-DD: the date stale projects are judged on (default: the day after the month’s reports were due, ' +
      'day ITP_PROGRESS_DUE_DAY of the next month, or today if earlier)',
    example: '2014-07-11',
  })
  @IsOptional()
  @IsLocalDate()
  referenceDate?: string;

  @FormatParam()
  format?: ExportFormat;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

export class MonthlyDispatchDto extends FreshQueryDto {
  @ApiProperty({ example: '2014-06', description: 'YYYY-MM' })
  @Matches(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({
    description:
      'YYYY-MM-DD: the date stale projects are judged on (default: the day after the month’s reports were due, ' +
      'day ITP_PROGRESS_DUE_DAY of the next month, or today if earlier)',
    example: '2014-07-11',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'referenceDate must be a date YYYY-MM-DD' })
  referenceDate?: string;

  @FormatParam()
  format?: ExportFormat;
}
